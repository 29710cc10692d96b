#!/usr/bin/env python3
"""Golden values of DeterminismTest, computed independently of the Java code: run with python3.

xoshiro256** and splitmix64 transcribed from the reference C code (prng.di.unimi.it), and the
seed chain of Seeds.java (SplitMix64 finalizer, combine) from its documentation."""
import struct
M = (1 << 64) - 1
def rotl(x, k): return ((x << k) | (x >> (64 - k))) & M
class SplitMix64:
    def __init__(self, x): self.x = x & M
    def next(self):
        self.x = (self.x + 0x9e3779b97f4a7c15) & M
        z = self.x
        z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & M
        z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M
        return z ^ (z >> 31)
class Xoshiro256ss:
    def __init__(self, seed):
        sm = SplitMix64(seed); self.s = [sm.next() for _ in range(4)]
    def next(self):
        s = self.s
        result = (rotl((s[1] * 5) & M, 7) * 9) & M
        t = (s[1] << 17) & M
        s[2] ^= s[0]; s[3] ^= s[1]; s[1] ^= s[2]; s[0] ^= s[3]; s[2] ^= t; s[3] = rotl(s[3], 45)
        return result
    def next_double(self): return (self.next() >> 11) * 2.0**-53
def signed(x): return x - (1 << 64) if x >= (1 << 63) else x
def mix(z):  # splitmix64 finalizer
    z = ((z ^ (z >> 30)) * 0xbf58476d1ce4e5b9) & M
    z = ((z ^ (z >> 27)) * 0x94d049bb133111eb) & M
    return z ^ (z >> 31)
def combine(h, w): return mix((h + 0x9e3779b97f4a7c15 + mix(w & M)) & M)
def bits(d): return struct.unpack('<Q', struct.pack('<d', d))[0]
def realization_seed(study, N, h, J, k0, r, common=False):
    if common:
        c = combine(0x4B48475053434D, study); c = combine(c, N); return combine(c, r)
    s = combine(0x4B4847505331, study)
    for w in (N, bits(h), bits(J), bits(k0)): s = combine(s, w)
    return combine(s, r)
def stream_seed(rs, stream): return combine(rs, stream)

x = Xoshiro256ss(42)
print("seed 42 first 6:", [signed(x.next()) for _ in range(6)])
x = Xoshiro256ss(42)
for _ in range(999): x.next()
print("seed 42 outputs 1000-1001:", [signed(x.next()) for _ in range(2)])
x = Xoshiro256ss(-1 & M)
print("seed -1 first 3:", [signed(x.next()) for _ in range(3)])
x = Xoshiro256ss(42)
print("doubles:", [repr(x.next_double()) for _ in range(3)])
rs = realization_seed(42, 256, 0.01, 0.05, 1.0, 0)
print("realizationSeed(42, (256,0.01,0.05,1.0), 0) =", signed(rs))
print("realizationSeed(42, .., 5) =", signed(realization_seed(42, 256, 0.01, 0.05, 1.0, 5)))
print("common realizationSeed(42, N=256, 3) =", signed(realization_seed(42, 256, 0.01, 0.05, 1.0, 3, True)))
k = Xoshiro256ss(stream_seed(rs, 0))
kap = [k.next_double() * 1.0 for _ in range(256)]
print("kappa[0,1,2,255] =", [repr(kap[i]) for i in (0, 1, 2, 255)])
k = Xoshiro256ss(stream_seed(rs, 0))
kap = [k.next_double() * 2.5 for _ in range(256)]
print("kappa0=2.5 kappa[7] =", repr(kap[7]))

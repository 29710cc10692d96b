package org.khgps.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jhdf.HdfFile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The paper's protocol (zero) is what it was before protocols existed (issue 28): every dataset a
 * file of the build before them (6c2fae0) held has the same values, bit for bit, here. The pins are
 * that build's dataset checksums (each dataset's sha256 attribute: the SHA-256 of its values) for a
 * small study on the pure-Java path (no native library: the same arithmetic on every machine); the
 * anatomy adds datasets and changes none.
 */
class ZeroProtocolTest {

    /** file, dataset, the sha256 the build before protocols wrote. */
    static final List<String> PINS = List.of(
            "m.h5 converged 75c8fd04ad916aec3e3d5cb76a452b116b3d4d0912a0a485e9fb8e3d240e210c",
            "m.h5 energy b5e84052cb5db8816c540b803b810258b064943d2ecb30b5a603e84263b7af3c",
            "m.h5 iterations 50f3ce79732c5b1d6677c81b1be339de9dda27c88b95207784b3423706912ebc",
            "m.h5 kappa 8645a67262c022805ddd75bbf4506c675f9a853bf1adcb2c8b307e44601675b5",
            "m.h5 max_grad 723cff438e561b1f7dca0f8dcbe140054543b6d47d52a1ef123dfe7ffac52cd7",
            "m.h5 realization ab25350e3e65efebe24584461683ecda68725576e825e550038b90e7b1479946",
            "m.h5 realization_seed 36fa08f22ce2be33df39acb7c002a8e68f91fd5f96a8ebef3099d84d3e84e678",
            "m.h5 x b97e7f9d8054df7cd5366676f01142b1c2c3787dd58b031da9a847f15382af72",
            "s.h5 converged 75c8fd04ad916aec3e3d5cb76a452b116b3d4d0912a0a485e9fb8e3d240e210c",
            "s.h5 eigenvalues ce7f09560b3d058ac465a00340ccfd3e79425a9020f4d3ea9e2bb1f4831beef0",
            "s.h5 frobenius_residual 5a6232374c4820ac956d01f87501c2bfd48913db7b9d329e5cc1edc39b69ccd4",
            "s.h5 negative_modes 15ec7bf0b50732b49f8228e07d24365338f9e3ab994b00af08e5a3bffe55fd8b",
            "s.h5 realization ab25350e3e65efebe24584461683ecda68725576e825e550038b90e7b1479946",
            "s.h5 trace_residual 9bd40de0356506db89b4de540da0a64893029a3c6f4e60d7a8e28e2cfcd9f434",
            "l.h5 converged 75c8fd04ad916aec3e3d5cb76a452b116b3d4d0912a0a485e9fb8e3d240e210c",
            "l.h5 eigen_residual 9d908ecfb6b256def8b49a7c504e6c889c4b0e41fe6ce3e01863dd7b61a20aa0",
            "l.h5 eigenvalues ada99c972065a2f489d8fef6711c650a7b4002cf1f763b448fbf7dbbaeb951f0",
            "l.h5 frobenius_residual 38942dc703543c2a5d23412f7713dab1eb9a3fecdd6f11a5ba15240df007de5c",
            "l.h5 full_spectrum 75c8fd04ad916aec3e3d5cb76a452b116b3d4d0912a0a485e9fb8e3d240e210c",
            "l.h5 largest_weight f45f453742286eaedff069eae31166ea92c892d444f6897022ece07c0818f3b7",
            "l.h5 largest_weight_kappa 9c0c720723f72acdc33f17aa83fee06d4527636272365024d0771d1dcf7d8007",
            "l.h5 largest_weight_local_field 524213734462defef16c10bf05d4ba8973a319671f30e673708a5e24c76257f1",
            "l.h5 largest_weight_oscillator 7314133420f7a6a5abf5f70a971e36c401438d4f8dcc1eea145a6ae96205a0e4",
            "l.h5 largest_weight_x f7d59ac4111429c63995b510f3993f8c5bb502ae2c39eb47c36d8e07bcc3cf68",
            "l.h5 negative_modes 15ec7bf0b50732b49f8228e07d24365338f9e3ab994b00af08e5a3bffe55fd8b",
            "l.h5 participation_ratio 10bc4750268ba72a758b12abbe1efd3b2659c3d53069b7b85d3ca86bd296195d",
            "l.h5 realization ab25350e3e65efebe24584461683ecda68725576e825e550038b90e7b1479946",
            "l.h5 trace_residual 38942dc703543c2a5d23412f7713dab1eb9a3fecdd6f11a5ba15240df007de5c",
            "dos.h5 counts a14e7724cfd81b31dbc4c5f0ec6d5566049fd9ee1607676a8799f122d34bd43b",
            "dos.h5 dos df40b37eeae4fe5d2329e32bc63de7c0c50f870c52ca5ec03e08c259c7688fe5",
            "dos.h5 dos_err 89b56792bb31352afba85b6224f34f6dea1eb7791386a30ee9b7acca09c1d849",
            "dos.h5 omega_edges 5572298bc0d73dab7b57403cc7e3b1a234209e5c2cd00e9cea157ecc8a80750a",
            "dos.h5 omega_tail f3260f1590d4145ad01db87301310e5c02f816906df8a76c836c89c24fe3faff",
            "dos.h5 omega_tail_realization acce495cde63ba91b6f4eb59d4e82407ad866d96b4d4df687ab8960b57fe3aa8",
            "dos.h5 partial_x2 49dcc452aec20e46f6f617825ce61ff9b71d8df8edf05a0f0ab7381b32e4a542",
            "dos.h5 partial_x2_err 7c188958a21b7d13f1cb8f1fc8594be3a36df152417b9d03c4a66da5dd47a0df",
            "dos.h5 partial_x2_kappa 0508b3e282340c70ab7e860b1389e4c9e47aea9c5aab294de3aa9388139d049d",
            "dosl.h5 counts 7e576b19377cfa930e2cde795254500f8cbe0d2bebd5821c506f1ef392de4caf",
            "dosl.h5 dos 1a7372b627bcccf66606a8b291ffec1f403b96a9c4d1ece89eb9ddbcb0a2654f",
            "dosl.h5 dos_err fa3344dfcb923aa92c4bf56efa61c7bc4aeb32e59c993ce76b6734e09b642b71",
            "dosl.h5 omega_edges 93b83c38bd283690aa9753230ce4cf84567e8f24eacc36636c81728ed72b5445",
            "dosl.h5 omega_tail c34ac3eb117431ce9df60ece27dc30c0e18556eac29c71f3699a9ce101c34f57",
            "dosl.h5 omega_tail_participation_ratio 44c3365a75791359f4b82a39bfb0bbf5a86105d2bba3480812edce042c0883ab",
            "dosl.h5 omega_tail_realization 596a3847574802641a67458f5141ccf2d5e48847a9a60d14cdcc04154d9a9708",
            "dosl.h5 partial_x2 49dcc452aec20e46f6f617825ce61ff9b71d8df8edf05a0f0ab7381b32e4a542",
            "dosl.h5 partial_x2_err 7c188958a21b7d13f1cb8f1fc8594be3a36df152417b9d03c4a66da5dd47a0df",
            "dosl.h5 partial_x2_kappa 0508b3e282340c70ab7e860b1389e4c9e47aea9c5aab294de3aa9388139d049d");

    @TempDir
    Path dir;

    private String p(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void everyDatasetOfTheEarlierBuildIsUnchanged() throws Exception {
        String before = System.getProperty("khgps.noNative");
        System.setProperty("khgps.noNative", "true");
        try {
            CliTest.assertOk("sample", "--N", "48", "--h", "0.01", "--J", "0.3", "--kappa0", "1", "--seed", "11", "--count", "3",
                    "--out", p("d.h5"));
            CliTest.assertOk("minimize", "--in", p("d.h5"), "--out", p("m.h5"));
            CliTest.assertOk("diagonalize", "--in", p("m.h5"), "--out", p("s.h5"));
            CliTest.assertOk("diagonalize", "--in", p("m.h5"), "--out", p("l.h5"), "--spectrum", "lowest", "--modes", "5");
            CliTest.assertOk("histogram", "--out", p("dos.h5"), p("m.h5"), p("s.h5"));
            CliTest.assertOk("histogram", "--out", p("dosl.h5"), p("m.h5"), p("l.h5"));
        } finally {
            if (before == null) {
                System.clearProperty("khgps.noNative");
            } else {
                System.setProperty("khgps.noNative", before);
            }
        }
        for (String pin : PINS) {
            String[] f = pin.split(" ");
            try (HdfFile h = new HdfFile(dir.resolve(f[0]))) {
                assertEquals(f[2], h.getDatasetByPath(f[1]).getAttribute("sha256").getData(), f[0] + " " + f[1]);
            }
        }
    }
}

/**
 * The pipeline's stages as functions on values, no files: sample a chunk's disorder
 * ({@link DisorderChunk#sample}), minimize it ({@link MinimaChunk#minimize}), diagonalize the
 * minima ({@link SpectraChunk#full}, {@link SpectraChunk#lowest}), pool a point's minima and
 * spectra ({@link PointDos#stream}, which asks for one chunk at a time; {@link PointDos#pool} for
 * chunks in memory) and fit the pool ({@link PointFit#fit}); beside them, the point's replica-symmetric
 * theory ({@link PointTheory#solve}). The khgps commands read these values
 * from HDF5 (khgps-io), call one function and write the result; the benchmark and the tests call
 * the same functions.
 */
package org.khgps.core.stage;

package io.runplane.agent.backend.simulated;

/** Deterministic pseudo-random numbers from a seed and coordinates (SplitMix64 finalizer). */
final class Noise {

    private Noise() {
    }

    static long mix(long seed, long... coordinates) {
        long z = seed;
        for (long c : coordinates) {
            z = finish(z + 0x9E3779B97F4A7C15L * (c + 1));
        }
        return finish(z);
    }

    /** A value in [0, 1). */
    static double unit(long seed, long... coordinates) {
        return (mix(seed, coordinates) >>> 11) * 0x1.0p-53;
    }

    private static long finish(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}

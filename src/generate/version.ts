/**
 * Version of what `junction generate` writes. Bump it whenever a seed's output changes (rates, vocabulary, variation
 * rules, truth columns), so caches keyed by rows and seed (bench/accuracy.ts) never reuse an older file.
 */
export const GENERATOR_VERSION = 3;

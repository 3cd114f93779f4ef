// @planlog/core/random: a seeded pseudo-random source for simulations (no test framework behind it).
export { mulberry32, type Random } from './base/random.js';

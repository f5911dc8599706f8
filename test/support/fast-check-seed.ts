import * as fc from 'fast-check';

/**
 * Property tests run with one fixed seed, so that a failure is reproducible by anyone, and a run that
 * passes today passes tomorrow. fast-check prints the seed and the path of a failure; set FC_SEED to
 * explore other seeds (FC_SEED=random picks a new one each run).
 */
const requested = process.env.FC_SEED;
const seed = requested === undefined ? 20261202 : requested === 'random' ? Math.floor(Math.random() * 0x7fffffff) : Number(requested);
fc.configureGlobal({ seed });

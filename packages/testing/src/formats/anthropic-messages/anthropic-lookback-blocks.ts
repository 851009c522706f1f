/**
 * How many block positions the Messages API checks at each `cache_control` breakpoint for a
 * prefix written earlier, the breakpoint's own block first and then the blocks before it, as
 * Anthropic documents it (about 20): a prefix written further back is not found from that
 * breakpoint, and is read only by a breakpoint nearer to it.
 */
export const ANTHROPIC_LOOKBACK_BLOCKS = 20;

// Regular expressions come from untrusted standard files and run on untrusted survey cells, so only
// patterns with a small, predictable cost are accepted: no nested or alternating repetition (the
// exponential cases such as (a+)+ and (a|aa)*), at most one unbounded repetition (so the worst case
// stays quadratic in the bounded input), no back-references or look-arounds.
import ret, { type Token, type Tokens, type types as Types } from 'ret';

// ret is CommonJS: its exports object is the tokenizer function itself, carrying `types`.
const tokenizer = ret as unknown as (pattern: string) => Tokens;
const { types } = ret as unknown as { types: typeof Types };

export const MAX_PATTERN_LENGTH = 200;
const MAX_BOUNDED_REPEAT = 100;

function children(token: Tokens): Token[] {
  if (token.type === types.ROOT || token.type === types.GROUP) {
    return [...(token.stack ?? []), ...(token.options ?? []).flat()];
  }
  if (token.type === types.REPETITION) return [token.value];
  return [];
}

function hasAlternation(token: Tokens): boolean {
  if ((token.type === types.ROOT || token.type === types.GROUP) && token.options && token.options.length > 1) return true;
  return children(token).some(hasAlternation);
}

function hasRepetition(token: Tokens): boolean {
  return children(token).some((child) => (child.type === types.REPETITION && child.max > 1) || hasRepetition(child));
}

/** Why a pattern is refused, or undefined when it is safe to run. */
export function unsafeReason(pattern: string): string | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) return `longer than ${MAX_PATTERN_LENGTH} characters`;
  let root: Tokens;
  try {
    root = tokenizer(pattern);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  let unbounded = 0;
  let reason: string | undefined;
  const visit = (token: Tokens): void => {
    if (reason) return;
    if (token.type === types.REFERENCE) reason = 'back-references are not allowed';
    if (token.type === types.GROUP && (token.followedBy || token.notFollowedBy || token.lookBehind)) reason = 'look-arounds are not allowed';
    if (token.type === types.REPETITION) {
      if (token.max === Infinity) unbounded++;
      else if (token.max > MAX_BOUNDED_REPEAT) reason = `repetition bounds above ${MAX_BOUNDED_REPEAT}`;
      if (token.max > 1 && hasRepetition(token)) reason = 'nested repetition';
      if (token.max > 1 && hasAlternation(token.value)) reason = 'repeated alternation';
    }
    children(token).forEach(visit);
  };
  visit(root);
  if (!reason && unbounded > 1) reason = 'more than one unbounded repetition';
  return reason;
}

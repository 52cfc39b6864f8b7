// The registry of check kinds. Adding a kind = adding a file in this folder and one entry here.
import type { CheckKind } from './check-kind.js';
import { boolean } from './boolean.js';
import { checklist } from './checklist.js';
import { compare } from './compare.js';
import { count } from './count.js';
import { mean } from './mean.js';
import { pattern } from './pattern.js';
import { ratio } from './ratio.js';
import { share } from './share.js';
import { max, min, range } from './threshold.js';
import { tiered } from './tiered.js';

export const CHECK_KINDS: readonly CheckKind[] = [min, max, range, ratio, tiered, compare, boolean, count, checklist, pattern, share, mean];

export const checkKinds: ReadonlyMap<string, CheckKind> = new Map(CHECK_KINDS.map((kind) => [kind.kind, kind]));

// "Did you mean": the closest known word to a typo, for flags, commands, ids, codes and keys.

/** The known word a typo most likely meant: a unique prefix or substring match, else the nearest within a third of its length in edits. */
export function closest(word: string, known: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  if (w === '') return undefined;
  const containing = known.filter((k) => k.toLowerCase().includes(w) || (w.length >= 4 && w.includes(k.toLowerCase())));
  if (containing.length === 1) return containing[0];
  let best: string | undefined;
  let bestDist = Math.max(2, Math.ceil(w.length / 3)) + 1;
  for (const k of containing.length > 1 ? containing : known) {
    const d = editDistance(w, k.toLowerCase());
    if (d < bestDist) {
      bestDist = d;
      best = k;
    }
  }
  return best;
}

/** ` (did you mean 'x'?)`, or, for a fragment several known words contain, up to three of them; or nothing. */
export function didYouMean(word: string, known: readonly string[], quote = (s: string) => `'${s}'`): string {
  const hint = closest(word, known);
  if (hint !== undefined) return ` (did you mean ${quote(hint)}?)`;
  const w = word.toLowerCase();
  const containing = w.length >= 2 ? known.filter((k) => k.toLowerCase().includes(w)) : [];
  if (containing.length === 0) return '';
  const shown = containing.slice(0, 3).map(quote).join(', ');
  return ` (did you mean one of ${shown}${containing.length > 3 ? `, or ${containing.length - 3} more` : ''}?)`;
}

export function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = dp[0]!;
    dp[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = dp[j]!;
      dp[j] = Math.min(dp[j]! + 1, dp[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return dp[b.length]!;
}

import "server-only";

/**
 * Whether an environment variable looks like it holds a secret, judged from its name and its
 * value right after the SDK call. Only the verdict is kept; the value is dropped.
 */

const SECRET_NAME =
  /(secret|passw(or)?d|passwd|pwd|token|api[_-]?key|apikey|private[_-]?key|credential|access[_-]?key|signing[_-]?key|auth[_-]?key|bearer|dsn|conn(ection)?[_-]?str(ing)?|webhook[_-]?url|salt)/i;

const SECRET_VALUE = [
  /^(sk|rk|pk)_(live|test)_[A-Za-z0-9]{10,}/, // Stripe
  /^(AKIA|ASIA)[0-9A-Z]{16}$/, // AWS access key id
  /^(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}/, // GitHub tokens
  /^github_pat_[A-Za-z0-9_]{20,}/,
  /^xox[abprs]-[A-Za-z0-9-]{10,}/, // Slack
  /^AIza[0-9A-Za-z_-]{30,}/, // Google API key
  /^SG\.[A-Za-z0-9_-]{16,}\.[A-Za-z0-9_-]{16,}/, // SendGrid
  /-----BEGIN [A-Z ]*PRIVATE KEY-----/,
  /^eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/, // JWT
  /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, // URL with user:password
];

/** Shannon entropy, bits per character. */
function entropy(s: string): number {
  const counts = new Map<string, number>();
  for (const ch of s) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let h = 0;
  for (const n of counts.values()) {
    const p = n / s.length;
    h -= p * Math.log2(p);
  }
  return h;
}

/** A long random-looking token (base64 or hex), not an ARN, URL, path or sentence. */
function looksRandom(value: string): boolean {
  if (value.length < 24 || /[\s:/]/.test(value)) return false;
  if (!/^[A-Za-z0-9+=_.-]+$/.test(value)) return false;
  if (!/[0-9]/.test(value) || !/[A-Za-z]/.test(value)) return false;
  // Words joined by dashes (resource names) are not tokens.
  if (/^[a-z]+(-[a-z0-9]+)+$/.test(value)) return false;
  return entropy(value) >= 4;
}

export function secretLooking(name: string, value: string): boolean {
  if (value === "") return false;
  if (SECRET_NAME.test(name)) return true;
  return SECRET_VALUE.some((re) => re.test(value)) || looksRandom(value);
}

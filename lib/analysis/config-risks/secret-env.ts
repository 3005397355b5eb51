/**
 * Whether an environment variable looks like it holds a secret, judged by its name and by the shape
 * of its value.
 *
 * Where this runs: on the server, where lib/server reads a function's configuration. The value is
 * read only to be judged here and is dropped straight after; what leaves the server is the
 * variable's name (in `FunctionFacts.environment.secretLooking` and in findings), never its value
 * or any part of it. This module returns a boolean and never logs or echoes its input.
 */

/** Name words that mean the value is a credential. Matched as whole words of the name. */
const SECRET_WORDS = new Set([
  "PASSWORD",
  "PASSWD",
  "PWD",
  "PASS",
  "SECRET",
  "SECRETS",
  "TOKEN",
  "APIKEY",
  "CREDENTIAL",
  "CREDENTIALS",
  "PRIVATEKEY",
  "CLIENTSECRET",
  "SIGNINGKEY",
  "ENCRYPTIONKEY",
  "ACCESSKEY",
  "AUTHKEY",
]);

/** Adjacent word pairs that mean the same as one of the words above (API_KEY, PRIVATE_KEY...). */
const SECRET_PAIRS = new Set([
  "API KEY",
  "PRIVATE KEY",
  "SECRET KEY",
  "ACCESS KEY",
  "SIGNING KEY",
  "ENCRYPTION KEY",
  "AUTH KEY",
  "CLIENT SECRET",
]);

/** A last word that makes the variable a reference to a secret or a setting about it, not the secret. */
const REFERENCE_SUFFIXES = new Set([
  "ARN",
  "NAME",
  "ID",
  "PATH",
  "PARAM",
  "PARAMETER",
  "TTL",
  "EXPIRY",
  "EXPIRES",
  "LENGTH",
  "HEADER",
  "FILE",
  "REGION",
  "ENABLED",
  "URL",
]);

/** Names whose value is a connection string: secret when it embeds a password. */
const CONNECTION_WORDS = new Set(["DSN", "DATABASE URL", "DB URL", "CONNECTION STRING", "CONN STR", "URI"]);

/** Splits FOO_BAR, foo-bar, fooBar and FOO.BAR into upper-case words. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toUpperCase());
}

function nameLooksSecret(name: string): boolean {
  const w = words(name);
  const last = w[w.length - 1];
  if (last !== undefined && REFERENCE_SUFFIXES.has(last)) return false;
  return w.some((word, i) => SECRET_WORDS.has(word) || SECRET_PAIRS.has(`${word} ${w[i + 1] ?? ""}`));
}

function nameIsConnection(name: string): boolean {
  const joined = words(name).join(" ");
  return [...CONNECTION_WORDS].some(
    (c) => joined === c || joined.endsWith(` ${c}`) || joined.startsWith(`${c} `),
  );
}

/** Value shapes of well-known credentials. */
const SECRET_VALUE_PATTERNS: readonly RegExp[] = [
  /\b(?:AKIA|ASIA)[A-Z0-9]{16}\b/, // AWS access key id
  /^eyJ[\w-]+\.eyJ[\w-]+\.[\w-]+$/, // JWT
  /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/, // PEM private key (RSA, EC, OPENSSH, ENCRYPTED...)
  /\bxox[abposr]-[A-Za-z0-9-]{10,}/, // Slack tokens
  /\bxapp-\d-[A-Za-z0-9-]{10,}/, // Slack app-level token
  /hooks\.slack\.com\/services\/[A-Za-z0-9/]+/, // Slack webhook
  /\b(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{30,}/, // GitHub tokens
  /\bgithub_pat_[A-Za-z0-9_]{40,}/, // GitHub fine-grained token
  /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{16,}/, // Stripe secret and restricted keys
  /\bwhsec_[A-Za-z0-9]{20,}/, // Stripe webhook secret
  /^[a-z][a-z0-9+.-]*:\/\/[^/\s:@]+:[^/\s@]+@/i, // URL with user:password@
];

/** 40 characters of base64 with mixed case and a digit: the shape of an AWS secret access key. */
const AWS_SECRET_KEY = /^[A-Za-z0-9/+]{40}$/;

function shannonBitsPerChar(value: string): number {
  const counts = new Map<string, number>();
  for (const ch of value) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  let bits = 0;
  for (const n of counts.values()) {
    const p = n / value.length;
    bits -= p * Math.log2(p);
  }
  return bits;
}

/**
 * A long random-looking token: ≥ 32 characters of one unbroken token, letters and digits mixed,
 * high entropy. Hex digests (git SHAs, hashes: 4 bits per character at most) and UUIDs stay below
 * the bar; ARNs, paths and URLs are excluded by their separators.
 */
function looksRandom(value: string): boolean {
  if (value.length < 32 || !/^[A-Za-z0-9+/=_-]+$/.test(value)) return false;
  if (!/[A-Za-z]/.test(value) || !/\d/.test(value)) return false;
  return shannonBitsPerChar(value) >= 4.3;
}

function valueLooksSecret(value: string): boolean {
  if (SECRET_VALUE_PATTERNS.some((re) => re.test(value))) return true;
  if (AWS_SECRET_KEY.test(value) && /[a-z]/.test(value) && /[A-Z]/.test(value) && /\d/.test(value))
    return true;
  return looksRandom(value);
}

/** Values that name where a secret is kept (a Secrets Manager ARN, an SSM parameter path). */
function isReference(value: string): boolean {
  return /^arn:aws[a-z-]*:/.test(value) || /^\/[\w.-]+(\/[\w.-]+)*$/.test(value);
}

/**
 * True when the variable probably holds a credential. An empty value holds nothing to leak; a value
 * that references a secret (an ARN, an SSM path) is the recommended pattern and does not count.
 */
export function looksSecret(name: string, value: string): boolean {
  const v = value.trim();
  if (v === "") return false;
  if (valueLooksSecret(v)) return true;
  if (isReference(v)) return false;
  if (nameIsConnection(name)) return false; // a connection string without user:password@ (checked above)
  return nameLooksSecret(name);
}

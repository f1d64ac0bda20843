import { scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashing with scrypt (N=2^15, r=8, p=1, 64-byte key; ~32 MiB, ~0.1 s), encoded as
 * `scrypt$N$r$p$salt$hash` (base64url) so that the cost can rise later without breaking old
 * hashes. The salt is a parameter (the caller draws 16 random bytes per user): core draws no
 * randomness.
 */
const cost = { N: 2 ** 15, r: 8, p: 1, keyLength: 64 } as const;

function derive(
  password: string,
  salt: Buffer,
  N: number,
  r: number,
  p: number,
  keyLength: number,
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, keyLength, { N, r, p, maxmem: 256 * N * r }, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** `N` is the scrypt cost; leave the default (tests lower it to save time). */
export async function hashPassword(
  password: string,
  salt: Buffer,
  N: number = cost.N,
): Promise<string> {
  const key = await derive(password, salt, N, cost.r, cost.p, cost.keyLength);
  return ['scrypt', N, cost.r, cost.p, salt.toString('base64url'), key.toString('base64url')]
    .map(String)
    .join('$');
}

/** Timing-safe comparison; false (never an exception) for a malformed stored hash. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = encoded.split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const N = Number(n);
  if (!Number.isInteger(N) || N < 2 || N > 2 ** 20 || expected.length < 16) return false;
  const key = await derive(
    password,
    Buffer.from(salt, 'base64url'),
    N,
    Number(r),
    Number(p),
    expected.length,
  );
  return timingSafeEqual(key, expected);
}

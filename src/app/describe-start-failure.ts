/**
 * Why the product could not start, in one line naming the variable to fix: what the
 * configuration refused says so itself; the usual system errors are read here.
 */
export function describeStartFailure(
  error: unknown,
  env: Readonly<Record<string, string | undefined>>,
): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  const dataDir = env.TEXTO_DATA_DIR || './data';
  if (code === 'EADDRINUSE') {
    return `the port is in use (TEXTO_HOST:TEXTO_PORT, ${env.TEXTO_HOST || '127.0.0.1'}:${env.TEXTO_PORT || '8080'}): stop the other process or choose another port`;
  }
  if (code === 'EADDRNOTAVAIL' || code === 'ENOTFOUND') {
    return `TEXTO_HOST '${env.TEXTO_HOST}' is not an address of this machine (${message})`;
  }
  if (env.TEXTO_DATABASE_URL && (code === 'ECONNREFUSED' || code === '3D000' || code === '28P01')) {
    return `PostgreSQL (TEXTO_DATABASE_URL) refused the connection: ${message}`;
  }
  if (
    !env.TEXTO_DATABASE_URL &&
    (code === 'ENOTDIR' ||
      code === 'EACCES' ||
      code === 'EEXIST' ||
      /unable to open database file|readonly database/.test(message))
  ) {
    return `cannot open the database in TEXTO_DATA_DIR (${dataDir}): ${message}`;
  }
  return message;
}

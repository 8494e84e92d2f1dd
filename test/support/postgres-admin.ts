/** URLs of the server's maintenance database and of a named database on the same server. */
export function adminUrl(url: string): string {
  return databaseUrl(url, 'postgres');
}

export function databaseUrl(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

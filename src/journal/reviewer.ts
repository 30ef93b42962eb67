import { userInfo } from 'node:os';

/**
 * The reviewer name written with each decision (SPEC §10): `--reviewer`, else `$JUNCTION_REVIEWER`, else the
 * OS user, else `unknown`.
 * @example reviewerName('ana') → 'ana'; reviewerName(null) → os user name
 */
export function reviewerName(given: string | null | undefined): string {
  const flag = given?.trim();
  if (flag) return flag;
  const env = process.env.JUNCTION_REVIEWER?.trim();
  if (env) return env;
  try {
    const user = userInfo().username.trim();
    if (user) return user;
  } catch {
    // no passwd entry (some containers)
  }
  return 'unknown';
}

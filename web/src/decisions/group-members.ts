/** Every member id of a group, paged through the details API (groups are never truncated, REVIEW §2.3). */
import { api } from '../api/client.js';

const PAGE = 1000;

export async function allMemberIds(runId: string, groupId: string): Promise<string[]> {
  const ids: string[] = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await api.group(runId, groupId, { offset, limit: PAGE });
    ids.push(...page.members.map((m) => m.account_id));
    if (page.members.length === 0 || ids.length >= page.membersTotal) return ids;
  }
}

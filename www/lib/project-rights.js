// What the connected user may change in a project, computed as Cytomine's web UI does (its
// project store): the members list gives each member's `role` (manager, representative,
// contributor); managers, representatives and admins (admin session open) manage the project;
// the others edit an annotation when the project is not read-only and, in a restricted project,
// only their own. The server still decides: this says beforehand what it will refuse, and why.

const MANAGING = new Set(['manager', 'representative']);

/**
 * @param {{project: object, me: object, auth: object|null, members: object[]}} o `me` is the
 *   current user, `auth` core's `/session/admin/info.json` answer (`adminByNow`, `userByNow`...;
 *   null when unknown), `members` the project's users (with `role`)
 */
export function projectRights({ project, me, auth, members }) {
  const role = members.find((u) => u.id === me.id)?.role ?? null;
  const admin = Boolean(auth?.adminByNow);
  // A guest account: ROLE_GUEST without ROLE_USER (core's `guest` is true for users too).
  const guest = Boolean(auth) && !auth.userByNow && !admin;
  const canManage = admin || MANAGING.has(role);
  const mode = project.isReadOnly ? 'read-only' : project.isRestricted ? 'restricted' : 'classic';
  const canEditAnnotation = (ownerId) => canManage || (mode !== 'read-only' && (ownerId === me.id || mode !== 'restricted'));

  /** Why the user may not change an annotation of `ownerId` (null when they may). */
  const whyNot = (ownerId) => (canEditAnnotation(ownerId) ? null : limits());

  /** What the project's mode forbids this user (null in a classic project, or for its managers). */
  const limits = () => {
    if (canManage || mode === 'classic') return null;
    return mode === 'read-only'
      ? 'This project is read-only: only its managers can change its annotations.'
      : 'This project is restricted: you can change only your own annotations (its managers can change all).';
  };

  /** A short line: the user's role and the project's mode. */
  const summary = () => {
    const who = admin ? 'an administrator (admin session)' : role ? `a ${role}` : 'not a member';
    const account = guest ? ' with a guest account (read-only for most changes)' : '';
    const modeText = mode === 'classic' ? '' : ` of this ${mode} project`;
    return `You are ${who}${account}${mode === 'classic' && role ? ' of this project' : modeText}.`;
  };

  /** The reason to show with a refusal (HTTP 403) of the server, or null. */
  const refusalHint = (ownerId = null) => {
    if (guest) return 'Your account is a guest account: Cytomine lets guests look, and refuses them most changes (comments, tags, properties…).';
    return whyNot(ownerId) ?? (role ? null : 'You are not a member of this project.');
  };

  return { role, admin, guest, canManage, mode, canEditAnnotation, whyNot, limits, summary, refusalHint };
}

/**
 * Rights of a user, as the emulator enforces them (documented in README):
 * - ROLE_ADMIN / ROLE_SUPER_ADMIN users read and write everything (simplification; project
 *   *lists* still show every project only once the admin session is open, like core);
 * - project members (contributors, managers) read the project's data; managers administer it;
 * - ROLE_GUEST users never write;
 * - closed or read-only projects accept writes from managers only.
 * The services that follow core 5.2's own checks use the `core*` helpers below instead
 * (SecurityACLService: checkUser, checkIsNotReadOnly, checkFullOrRestrictedForOwner), which
 * let guests annotate and never look at `isClosed`, as core does.
 */
import { forbidden } from './envelope.mjs';

const READONLY = 'The project for this data is in readonly mode! You must be project manager to add, edit or delete this resource in a readonly project.';

/** Build the rights helper of a user (null user = nothing allowed). */
export function makePerms(store, user) {
  const roles = new Set(user?.roles ?? []);
  const isSuper = roles.has('ROLE_SUPER_ADMIN');
  const isAdmin = isSuper || roles.has('ROLE_ADMIN');
  const isGuest = !isAdmin && !roles.has('ROLE_USER') && roles.has('ROLE_GUEST');
  const adminByNow = isSuper || (isAdmin && user && store.adminSessions.has(user.id));
  const role = (pid) => {
    if (!user) return null;
    const m = store.members.get(Number(pid));
    if (!m) return null;
    if (m.managers.has(user.id)) return 'manager';
    if (m.contributors.has(user.id)) return 'contributor';
    return null;
  };
  const p = {
    user,
    isAdmin,
    isGuest,
    adminByNow,
    role,
    isMember: (pid) => role(pid) !== null,
    canRead: (pid) => isAdmin || role(pid) !== null,
    isManager: (pid) => isAdmin || role(pid) === 'manager',
    canWrite: (pid) => {
      if (isAdmin) return true;
      const r = role(pid);
      if (!r || isGuest) return false;
      const proj = store.get('project', pid);
      if (proj && (proj.isClosed || proj.mode === 'READ_ONLY') && r !== 'manager') return false;
      return true;
    },
    checkRead(pid) {
      if (!p.canRead(pid)) throw forbidden();
    },
    checkManager(pid) {
      if (!p.isManager(pid)) throw forbidden("You don't have the right to do this. You must be the creator or the project manager");
    },
    checkWrite(pid) {
      if (isAdmin) return;
      if (!p.canRead(pid) || isGuest) throw forbidden();
      if (!p.canWrite(pid)) throw forbidden(READONLY);
    },
    /** Guests cannot create top-level things (projects, ontologies, tags...). */
    checkNotGuest() {
      if (isGuest || !user) throw forbidden('You must be a user to do this, guests are read-only');
    },
    /** core's checkUser: ROLE_USER (or admin) required; guests are refused. */
    coreCheckUser() {
      if (isGuest || !user) throw forbidden('You don\'t have the right to perform this action! You must be user!');
    },
    /** core's checkIsNotReadOnly(project): a READ_ONLY project takes writes from its managers only. */
    coreCheckNotReadOnly(pid) {
      const proj = store.get('project', pid);
      if (proj && proj.mode === 'READ_ONLY' && !p.isManager(pid)) throw forbidden(READONLY);
    },
    /**
     * core's checkFullOrRestrictedForOwner(domain, owner): managers and admins always pass; in a
     * CLASSIC project everyone passes, in a RESTRICTED one only `ownerId` (null: nobody), never in
     * a READ_ONLY one.
     */
    coreCheckFullOrRestrictedForOwner(pid, ownerId) {
      if (p.isManager(pid)) return;
      const mode = store.get('project', pid)?.mode ?? 'CLASSIC';
      if (mode === 'CLASSIC') return;
      if (mode === 'RESTRICTED' && ownerId !== null && ownerId !== undefined) {
        if (ownerId !== user?.id) throw forbidden("You don't have the right to do this. You must be the creator or the container admin");
        return;
      }
      throw forbidden(`The project for this data is in ${mode} mode! You must be project manager to add, edit or delete this resource.`);
    },
    /** Ontology rights: creator, admin, or any reader of a project that uses it. */
    canReadOntology(o) {
      if (isAdmin || o.user === user?.id) return true;
      for (const pr of store.t.project.values()) if (pr.ontology === o.id && p.canRead(pr.id)) return true;
      return false;
    },
    canWriteOntology(o) {
      if (isAdmin || (o.user === user?.id && !isGuest)) return true;
      for (const pr of store.t.project.values()) if (pr.ontology === o.id && p.isManager(pr.id)) return true;
      return false;
    },
  };
  return p;
}

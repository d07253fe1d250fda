/**
 * Today's command log of the repository-backed domains (delta §3.2): every create, update and
 * delete is a command with a UUID; `undo(uuid)` records a new undo command (UNDO_CREATE,
 * UNDO_UPDATE, UNDO_DELETE), and undoing an undo re-applies the original (the only "redo" today).
 * Children removed with a record (terms of an ontology, relations of a term...) are sub-commands
 * whose parent is the delete; undoing the parent undoes them first. These commands never reach
 * the legacy undo/redo stacks of `commands.mjs`.
 */
import { randomUUID } from 'node:crypto';
import { snapshot } from './store.mjs';

/** Java command class names of `common/.../command/Commands.java`, by data type. */
const COMMAND_NOUN = {
  TERM: 'Term', ONTOLOGY: 'Ontology', TERM_RELATION: 'TermRelation', STORAGE: 'Storage', UPLOADED_FILE: 'UploadedFile', TAG: 'Tag',
  TAG_DOMAIN_ASSOCIATION: 'TagDomainAssociation', ROLE: 'SecRole', USER_ROLE: 'SecUserSecRole', USER: 'SecUser',
};
const VERB = { INSERT: 'Add', UPDATE: 'Edit', DELETE: 'Delete' };
const INVERSE = { INSERT: 'DELETE', UPDATE: 'UPDATE', DELETE: 'INSERT' };
const UNDO_OF = { INSERT: 'UNDO_CREATE', UPDATE: 'UNDO_UPDATE', DELETE: 'UNDO_DELETE' };
const UNDO_COMMAND = { UNDO_CREATE: 'be.cytomine.UndoCreateCommand', UNDO_UPDATE: 'be.cytomine.UndoUpdateCommand', UNDO_DELETE: 'be.cytomine.UndoDeleteCommand' };

/** The `command` string of a command, e.g. `be.cytomine.AddTermCommand`. */
export function commandName(cmd) {
  return UNDO_COMMAND[cmd.type] ?? `be.cytomine.${VERB[cmd.type]}${COMMAND_NOUN[cmd.dataType]}Command`;
}

/** The `commandType` of a command, e.g. `INSERT_TERM_COMMAND`, `UNDO_CREATE_COMMAND`. */
export const commandType = (cmd) => (UNDO_COMMAND[cmd.type] ? `${cmd.type}_COMMAND` : `${cmd.type}_${cmd.dataType}_COMMAND`);

export class CommandsV2 {
  /** @param {import('./store.mjs').Store} store */
  constructor(store) {
    this.store = store;
    /** uuid -> command `{ id, type, table, dataType, userId, before, after, parent, target, created }` */
    this.byId = new Map();
  }

  _record(type, { table, dataType }, userId, before, after, parent = null, target = null) {
    const cmd = {
      id: randomUUID(), type, table, dataType, userId, before: before && snapshot(before), after: after && snapshot(after), parent, target, created: Date.now(),
    };
    this.byId.set(cmd.id, cmd);
    return cmd;
  }

  /** Commands of a user, newest first. */
  ofUser(userId) {
    return [...this.byId.values()].filter((c) => c.userId === userId).reverse();
  }

  /** Insert `obj` (id from the shared sequence); returns the command. */
  create(kind, userId, obj) {
    obj.id ??= this.store.newId();
    obj.created ??= Date.now();
    obj.updated ??= null;
    this.store.insert(kind.table, obj);
    return this._record('INSERT', kind, userId, null, obj);
  }

  /** Replace `old` by `obj` (same id); returns the command. */
  update(kind, userId, old, obj) {
    obj.updated = Date.now();
    this.store.replace(kind.table, obj);
    return this._record('UPDATE', kind, userId, old, obj);
  }

  /**
   * Soft-delete `obj` after its `children` (`[{kind, obj}]`, deepest first): they are gone from
   * every list and GET. Returns `{ cmd, subs }` (the sub-commands of the children).
   */
  delete(kind, userId, obj, children = []) {
    const cmd = this._record('DELETE', kind, userId, obj, null);
    const subs = children.map((c) => {
      this.store.remove(c.kind.table, c.obj.id);
      return this._record('DELETE', c.kind, userId, c.obj, null, cmd.id);
    });
    this.store.remove(kind.table, obj.id);
    cmd.deletedAt = Date.now();
    return { cmd, subs };
  }

  /**
   * Undo a command: returns `{ cmd, record, subs }` (the new undo command, the record it left and
   * the undo commands of the sub-commands), or null when there is nothing to undo.
   */
  undo(userId, uuid) {
    const c = this.byId.get(uuid);
    if (!c) return null;
    const s = this.store;
    // the operation to invert: an undo command inverts its target's inverse, i.e. re-applies it
    const op = c.target ? this.byId.get(c.target) : c;
    const redo = Boolean(c.target);
    const kind = { table: op.table, dataType: op.dataType };
    const subs = [];
    for (const child of [...this.byId.values()].filter((x) => x.parent === c.id).reverse()) {
      const u = this.undo(userId, child.id);
      if (u) subs.push(u);
    }
    let record;
    const removeNow = (op.type === 'INSERT') !== redo;
    if (op.type === 'UPDATE') {
      const want = redo ? op.after : op.before;
      if (!s.get(op.table, want.id)) return null;
      record = s.replace(op.table, { ...want, updated: Date.now() });
    } else if (removeNow) {
      const id = (op.after ?? op.before).id;
      const cur = s.get(op.table, id);
      if (!cur) return null;
      s.remove(op.table, id);
      record = { ...cur, deletedAt: Date.now() };
    } else {
      const want = op.after ?? op.before;
      if (s.get(op.table, want.id)) return null;
      record = s.insert(op.table, { ...want });
    }
    const type = UNDO_OF[redo ? INVERSE[op.type] : op.type];
    const cmd = this._record(type, kind, userId, null, null, null, c.id);
    return { cmd, record, subs };
  }
}

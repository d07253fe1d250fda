/**
 * Commands and transactions with undo/redo (contract §3.19). Every add/edit/delete made
 * through the API is recorded as a Command (id from the shared sequence) inside a
 * Transaction; undo/redo act on whole transactions, newest first, per user. As in core, a
 * new command does not clear the redo stack.
 */
import { snapshot } from './store.mjs';
import { objectNotFound } from './envelope.mjs';
import { DOMAINS } from './domains.mjs';

export class Commands {
  /** @param {import('./store.mjs').Store} store */
  constructor(store) {
    this.store = store;
    this.cmds = new Map();
    this.txs = new Map();
    this.undoStacks = new Map();
    this.redoStacks = new Map();
    this.txSeq = 1;
    /** Newest last: `{ id, created, user, project, action, table, message }` for commandhistory.json. */
    this.history = [];
  }

  /** Open a transaction for `user` (a user record). */
  begin(user) {
    const tx = { id: this.txSeq++, user: user.id, actor: user, commands: [] };
    this.txs.set(tx.id, tx);
    return tx;
  }

  /** Push a finished transaction on its user's undo stack (only if it recorded something). */
  commit(tx) {
    if (!tx.commands.length) return;
    let st = this.undoStacks.get(tx.user);
    if (!st) this.undoStacks.set(tx.user, (st = []));
    st.push(tx.id);
  }

  _projectOf(table, o) {
    if (table === 'project') return o.id;
    if (o.project !== undefined) return o.project;
    if (table === 'annotationterm') return this.store.get('annotation', o.userannotation)?.project ?? null;
    return null;
  }

  _record(tx, type, table, before, after, cascade) {
    const id = this.store.newId();
    const o = after ?? before;
    const verb = type === 'ADD' ? 'added' : type === 'EDIT' ? 'edited' : 'deleted';
    const cmd = { id, tx: tx.id, user: tx.user, type, table, before, after, cascade, created: Date.now() };
    this.cmds.set(id, cmd);
    tx.commands.push(id);
    this.history.push({
      id, created: cmd.created, user: tx.user, project: this._projectOf(table, o), action: type, table,
      message: DOMAINS[table].msg(verb, o, this.store, tx.actor),
    });
    if (this.history.length > 50000) this.history.shift();
    return cmd;
  }

  /** Insert a new record (id assigned from the sequence); returns the Command. */
  add(tx, table, obj) {
    if (!obj.id) obj.id = this.store.newId();
    obj.created ??= Date.now();
    obj.updated ??= null;
    this.store.insert(table, obj);
    return this._record(tx, 'ADD', table, null, snapshot(obj));
  }

  /** Replace a record by its new version; returns the Command. */
  edit(tx, table, obj) {
    const old = this.store.get(table, obj.id);
    obj.updated = Date.now();
    this.store.replace(table, obj);
    return this._record(tx, 'EDIT', table, snapshot(old), snapshot(obj));
  }

  /**
   * Delete a record and, first, its dependents (`cascade` = [[table, record], ...]);
   * undo restores them all. Returns the Command.
   */
  delete(tx, table, obj, cascade = []) {
    for (const [t, o] of cascade) this.store.remove(t, o.id);
    this.store.remove(table, obj.id);
    return this._record(tx, 'DELETE', table, snapshot(obj), null, cascade.map(([t, o]) => [t, snapshot(o)]));
  }

  _revert(c) {
    const s = this.store;
    if (c.type === 'ADD') {
      const cur = s.remove(c.table, c.after.id) ?? c.after;
      return { action: 'Delete', table: c.table, obj: cur };
    }
    if (c.type === 'EDIT') {
      return { action: 'Edit', table: c.table, obj: s.replace(c.table, { ...c.before }) };
    }
    const obj = s.insert(c.table, { ...c.before });
    for (const [t, o] of c.cascade ?? []) if (!s.get(t, o.id)) s.insert(t, { ...o });
    return { action: 'Add', table: c.table, obj };
  }

  _apply(c) {
    const s = this.store;
    if (c.type === 'ADD') return { action: 'Add', table: c.table, obj: s.insert(c.table, { ...c.after }) };
    if (c.type === 'EDIT') return { action: 'Edit', table: c.table, obj: s.replace(c.table, { ...c.after }) };
    for (const [t, o] of c.cascade ?? []) s.remove(t, o.id);
    const cur = s.remove(c.table, c.before.id) ?? c.before;
    return { action: 'Delete', table: c.table, obj: cur };
  }

  _take(stacks, user, commandId) {
    const st = stacks.get(user.id) ?? [];
    if (commandId !== undefined && commandId !== null) {
      const c = this.cmds.get(Number(commandId));
      if (!c) throw objectNotFound('Command', commandId);
      const k = st.lastIndexOf(c.tx);
      if (k >= 0) st.splice(k, 1);
      return this.txs.get(c.tx);
    }
    const txId = st.pop();
    return txId === undefined ? null : this.txs.get(txId);
  }

  _push(stacks, tx) {
    let st = stacks.get(tx.user);
    if (!st) stacks.set(tx.user, (st = []));
    st.push(tx.id);
  }

  /**
   * Undo the user's last transaction (or the one of `commandId`).
   * @returns {null | Array<{action:'Add'|'Edit'|'Delete', table:string, obj:any}>} null when nothing to undo
   */
  undo(user, commandId) {
    const tx = this._take(this.undoStacks, user, commandId);
    if (!tx) return null;
    const out = [...tx.commands].reverse().map((id) => this._revert(this.cmds.get(id)));
    this._push(this.redoStacks, tx);
    return out;
  }

  /** Redo the user's last undone transaction (or the one of `commandId`). */
  redo(user, commandId) {
    const tx = this._take(this.redoStacks, user, commandId);
    if (!tx) return null;
    const out = tx.commands.map((id) => this._apply(this.cmds.get(id)));
    this._push(this.undoStacks, tx);
    return out;
  }
}

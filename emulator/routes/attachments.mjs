/**
 * Attached files (multipart uploads, contract §3.14) and annotation comments ("shared
 * annotations"; no e-mail is sent).
 */
import { objectNotFound, wrongArgument } from '../envelope.mjs';
import { reply } from '../router.mjs';
import { DOMAINS } from '../domains.mjs';
import { commandReply, longList, toLong } from './common.mjs';
import { crud } from './crud.mjs';
import { checkReadDomain, checkWriteDomain, resolveDomain } from './meta.mjs';

/**
 * The parts of a `multipart/form-data` body: `{ fields: {name: value}, files: [{name, filename,
 * contentType, data}] }`; null when the request is not multipart.
 */
export function parseMultipart(ctx) {
  const type = ctx.req.headers['content-type'] ?? '';
  const m = /^multipart\/form-data;.*boundary="?([^";]+)"?/i.exec(type);
  if (!m) return null;
  const body = ctx.bodyBuf ?? Buffer.alloc(0);
  const delimiter = Buffer.from(`--${m[1]}`);
  const fields = {};
  const files = [];
  let at = body.indexOf(delimiter);
  while (at >= 0) {
    const start = at + delimiter.length;
    if (body.subarray(start, start + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, start);
    if (next < 0) break;
    const part = body.subarray(start + 2, next - 2); // skip CRLF after the delimiter and before the next
    const split = part.indexOf('\r\n\r\n');
    const head = part.subarray(0, split).toString('utf8');
    const data = part.subarray(split + 4);
    const name = /name="([^"]*)"/i.exec(head)?.[1];
    const filename = /filename="([^"]*)"/i.exec(head)?.[1];
    if (filename !== undefined) files.push({ name, filename, contentType: /content-type:\s*([^\r\n]+)/i.exec(head)?.[1] ?? 'application/octet-stream', data });
    else if (name !== undefined) fields[name] = data.toString('utf8');
    at = next;
  }
  return { fields, files };
}

/** @param {import('../router.mjs').Router} r */
export function register(r) {
  const domainOf = (ctx, o) => resolveDomain(ctx, o.domainClassName, o.domainIdent);
  const attached = crud(r, {
    table: 'attachedfile',
    cls: 'meta.AttachedFile',
    msg: (a, o) => `AttachedFileCommand ${o.filename} ${a === 'added' ? 'added to' : a} ${o.domainClassName.split('.').pop()} ${o.domainIdent}`,
    fields: { domainClassName: '=', domainIdent: '=', filename: '=', key: '=' },
    extra: (v, o) => ({ url: `/api/attachedfile/${o.id}/download` }),
    read(ctx, o) {
      try {
        checkReadDomain(ctx, domainOf(ctx, o));
        return true;
      } catch {
        return false;
      }
    },
    write: (ctx, o) => checkWriteDomain(ctx, domainOf(ctx, o), { abstractImage: 'reader' }),
    add: false,
    edit: false,
    lists: {
      '/api/attachedfile.json': (ctx) => ctx.store.all('attachedfile'),
      '/api/domain/:cls/:ident/attachedfile.json': (ctx) => {
        const d = resolveDomain(ctx, ctx.params.cls, ctx.params.ident);
        checkReadDomain(ctx, d);
        return ctx.store.all('attachedfile').filter((x) => x.domainClassName === d.cls && x.domainIdent === d.obj.id);
      },
    },
  });
  const upload = (ctx) => {
    const form = parseMultipart(ctx);
    if (!form) throw wrongArgument('The request must be multipart/form-data with a part "files[]"');
    const file = form.files.find((f) => f.name === 'files[]') ?? form.files[0];
    if (!file) throw wrongArgument('files[] must be set! value=null');
    const param = (k) => form.fields[k] ?? ctx.q(k);
    if (!param('domainClassName')) throw wrongArgument('domainClassName must be set! value=null');
    const d = resolveDomain(ctx, param('domainClassName'), param('domainIdent'));
    checkWriteDomain(ctx, d, { abstractImage: 'reader' });
    const rec = {
      id: null, created: Date.now(), updated: null, domainClassName: d.cls, domainIdent: d.obj.id,
      filename: param('filename') || file.filename.split('/').pop(), key: param('key') ?? null, contentType: file.contentType, data: file.data,
    };
    const tx = ctx.cmds.begin(ctx.user);
    ctx.cmds.add(tx, 'attachedfile', rec);
    ctx.cmds.commit(tx);
    return attached.json(ctx.view, rec); // the object itself, not a command response
  };
  r.add(['POST', 'PUT'], '/api/attachedfile.json', upload);
  r.add('GET', '/api/attachedfile/:id/download', (ctx) => {
    const f = ctx.store.get('attachedfile', ctx.pid());
    if (!f) throw objectNotFound('AttachedFile', ctx.pid());
    attached.checkRead(ctx, f);
    return reply(200, Buffer.from(f.data), { contentType: 'application/octet-stream', headers: { 'Content-disposition': `attachment; filename=${f.filename}` } });
  });

  // --- annotation comments: `{userannotation|algoannotation}/{id}/comment[/{cid}].json` ---
  const commentJson = (ctx, c) => ({
    class: 'be.cytomine.domain.processing.SharedAnnotation', id: c.id, created: String(c.created), updated: null,
    annotationIdent: c.annotationIdent, annotationClassName: c.annotationClassName, comment: c.comment, sender: c.sender,
    senderName: ctx.store.get('user', c.sender)?.name ?? null, receivers: c.receivers,
  });
  DOMAINS.sharedannotation = {
    cls: 'be.cytomine.domain.processing.SharedAnnotation', simple: 'SharedAnnotation', key: 'sharedannotation', callbackKey: 'sharedannotation',
    msg: (a, o) => `Comment ${o.id} ${a} on annotation ${o.annotationIdent}`,
  };
  const annotationOf = (ctx) => {
    if (ctx.params.kind !== 'userannotation' && ctx.params.kind !== 'algoannotation') throw objectNotFound('Annotation', ctx.params.a);
    const a = ctx.store.get('annotation', ctx.pid('a'));
    if (!a || ctx.params.kind !== 'userannotation') throw objectNotFound('Annotation', ctx.params.a);
    ctx.perms.checkRead(a.project);
    return a;
  };
  const visible = (ctx, c) => ctx.perms.isAdmin || c.sender === ctx.user.id || c.receivers.includes(ctx.user.id);
  // core's SharedAnnotationService.listComments: the caller's (sent or received), newest first
  r.add('GET', '/api/:kind/:a/comment.json', (ctx) => {
    const a = annotationOf(ctx);
    const rows = ctx.store.all('sharedannotation').filter((c) => c.annotationIdent === a.id && visible(ctx, c)).sort((x, y) => y.created - x.created || y.id - x.id);
    return { collection: rows.map((c) => commentJson(ctx, c)), offset: 0, perPage: rows.length, size: rows.length, totalPages: rows.length ? 1 : 0 };
  });
  // core's showComment: any comment by id (whatever its annotation), READ on its project
  r.add('GET', '/api/:kind/:a/comment/:id.json', (ctx) => {
    annotationOf(ctx);
    const c = ctx.store.get('sharedannotation', ctx.pid());
    if (!c) throw objectNotFound('SharedAnnotation', ctx.params.id);
    ctx.perms.checkRead(ctx.store.get('annotation', c.annotationIdent)?.project);
    return commentJson(ctx, c);
  });
  /**
   * core's SharedAnnotationService.add: ROLE_USER, checkFullOrRestrictedForOwner against the
   * annotation's owner; unknown receivers are dropped, `comment` may be absent, `sender` defaults
   * to the caller (an unknown one is a 400).
   */
  r.add('POST', '/api/:kind/:a/comment.json', (ctx) => {
    const a = annotationOf(ctx);
    const body = ctx.jsonObject();
    ctx.perms.coreCheckUser();
    ctx.perms.coreCheckFullOrRestrictedForOwner(a.project, a.user);
    const receivers = [...new Set(longList(body.receivers))].filter((uid) => ctx.store.get('user', uid));
    const senderRaw = toLong(body.sender);
    if (senderRaw !== null && (Number.isNaN(senderRaw) || !ctx.store.get('user', senderRaw))) throw wrongArgument(`sender was not found with id: ${body.sender}`);
    const c = {
      id: null, created: Date.now(), updated: null, annotationIdent: a.id, annotationClassName: DOMAINS.annotation.cls,
      comment: body.comment === undefined || body.comment === null ? null : String(body.comment), sender: senderRaw ?? ctx.user.id, receivers, subject: body.subject ?? null,
    };
    const tx = ctx.cmds.begin(ctx.user);
    const cmd = ctx.cmds.add(tx, 'sharedannotation', c);
    ctx.cmds.commit(tx);
    return commandReply(ctx, 'Add', 'sharedannotation', c, cmd, commentJson(ctx, c));
  });
}

/**
 * In-memory data store: one Map per domain table, a single id sequence shared by all
 * domains (like core's Hibernate sequence) and the secondary indexes the routes need.
 * Objects are plain records; fields starting with `_` are caches and never snapshotted.
 */

/** Domain tables held by the store. */
export const TABLES = [
  'user', 'relation', 'project', 'ontology', 'term', 'relationterm', 'abstractimage', 'imageinstance',
  'sliceinstance', 'annotation', 'annotationterm', 'property', 'tag', 'tagdomainassociation', 'description',
  // issue 7 (parity with cytomine-client)
  'reviewedannotation', 'role', 'secusersecrole', 'userconnection', 'imageconsultation', 'annotationaction', 'userposition',
  // generic CRUD domains (routes/crud.mjs)
  'storage', 'storageacl', 'uploadedfile', 'abstractslice', 'companionfile', 'samplehistogram', 'track', 'annotationtrack',
  'imagegroup', 'imagegroupimageinstance', 'annotationgroup', 'annotationlink', 'imagefilter', 'imagefilterproject', 'task',
  'configuration', 'projectdefaultlayer', 'projectrepresentativeuser', 'attachedfile', 'sharedannotation',
  // App Engine results (routes/layers.mjs): task runs, annotation layers, their annotations (core's `annotation` table)
  'taskrun', 'annotationlayer', 'taskrunlayer', 'layerannotation',
];

/** Index of the first element not greater than `id` in an array sorted by id descending. */
function positionDesc(arr, id) {
  let lo = 0;
  let hi = arr.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (arr[mid] > id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Insert `id` into an array kept sorted by id descending. */
export function insertDesc(arr, id) {
  const at = positionDesc(arr, id);
  if (arr[at] !== id) arr.splice(at, 0, id);
}

/** Remove `id` from an array kept sorted by id descending. */
export function removeDesc(arr, id) {
  const at = positionDesc(arr, id);
  if (arr[at] === id) arr.splice(at, 1);
}

const multi = (map, key) => {
  let v = map.get(key);
  if (!v) map.set(key, (v = []));
  return v;
};

/** Copy of a record without its `_` caches. */
export function snapshot(obj) {
  const out = {};
  for (const k of Object.keys(obj)) if (!k.startsWith('_')) out[k] = obj[k];
  return out;
}

export class Store {
  constructor() {
    this.seq = 1;
    /** Bumped by every change (insert, remove, and every write request); read caches follow it. */
    this.version = 0;
    /** @type {Record<string, Map<number, any>>} */
    this.t = Object.fromEntries(TABLES.map((n) => [n, new Map()]));
    this.idx = {
      annByProject: new Map(), // project id -> annotation ids, id desc
      annByImage: new Map(), // image instance id -> annotation ids, id desc
      atByAnn: new Map(), // annotation id -> annotation-term ids
      imagesByProject: new Map(), // project id -> image instance ids, id desc
      instancesByAbstract: new Map(),
      slicesByImage: new Map(),
      termsByOntology: new Map(),
      byDomain: new Map(), // "table:cls:ident" -> ids (property, tagdomainassociation, description)
      userByPub: new Map(),
      userByName: new Map(),
    };
    /** project id -> { contributors:Set, managers:Set, representatives:Set } (not versioned by commands). */
    this.members = new Map();
    /** users (ids) with an open admin session. */
    this.adminSessions = new Set();
    /** last project opened per user, for lastopened.json. */
    this.lastOpened = new Map();
    this.parentRelationId = null;
  }

  /** Next id of the shared sequence. */
  newId() {
    return this.seq++;
  }

  get(table, id) {
    return this.t[table].get(Number(id));
  }

  all(table) {
    return [...this.t[table].values()];
  }

  /** Membership record of a project (created on demand). */
  membersOf(projectId) {
    let m = this.members.get(projectId);
    if (!m) this.members.set(projectId, (m = { contributors: new Set(), managers: new Set(), representatives: new Set() }));
    return m;
  }

  /** Insert a record (its id must be set) and index it. */
  insert(table, obj) {
    this.version++;
    this.t[table].set(obj.id, obj);
    this.seq = Math.max(this.seq, obj.id + 1);
    const i = this.idx;
    switch (table) {
      case 'annotation':
        insertDesc(multi(i.annByProject, obj.project), obj.id);
        insertDesc(multi(i.annByImage, obj.image), obj.id);
        break;
      case 'annotationterm':
        multi(i.atByAnn, obj.userannotation).push(obj.id);
        break;
      case 'imageinstance':
        insertDesc(multi(i.imagesByProject, obj.project), obj.id);
        multi(i.instancesByAbstract, obj.baseImage).push(obj.id);
        break;
      case 'sliceinstance':
        multi(i.slicesByImage, obj.image).push(obj.id);
        break;
      case 'term':
        multi(i.termsByOntology, obj.ontology).push(obj.id);
        break;
      case 'property':
      case 'tagdomainassociation':
      case 'description':
        multi(i.byDomain, `${table}:${obj.domainClassName}:${obj.domainIdent}`).push(obj.id);
        break;
      case 'user':
        i.userByPub.set(obj.publicKey, obj.id);
        i.userByName.set(obj.username.toLowerCase(), obj.id);
        break;
      default:
    }
    return obj;
  }

  /** Remove a record and its index entries; returns the removed record. */
  remove(table, id) {
    const obj = this.t[table].get(id);
    if (!obj) return undefined;
    this.version++;
    this.t[table].delete(id);
    const i = this.idx;
    const drop = (map, key) => {
      const a = map.get(key);
      if (a) {
        const k = a.indexOf(id);
        if (k >= 0) a.splice(k, 1);
      }
    };
    switch (table) {
      case 'annotation':
        removeDesc(i.annByProject.get(obj.project) ?? [], id);
        removeDesc(i.annByImage.get(obj.image) ?? [], id);
        break;
      case 'annotationterm':
        drop(i.atByAnn, obj.userannotation);
        break;
      case 'imageinstance':
        removeDesc(i.imagesByProject.get(obj.project) ?? [], id);
        drop(i.instancesByAbstract, obj.baseImage);
        break;
      case 'sliceinstance':
        drop(i.slicesByImage, obj.image);
        break;
      case 'term':
        drop(i.termsByOntology, obj.ontology);
        break;
      case 'property':
      case 'tagdomainassociation':
      case 'description':
        drop(i.byDomain, `${table}:${obj.domainClassName}:${obj.domainIdent}`);
        break;
      case 'user':
        i.userByPub.delete(obj.publicKey);
        i.userByName.delete(obj.username.toLowerCase());
        break;
      default:
    }
    return obj;
  }

  /** Replace a record by a new version with the same id (indexes follow). */
  replace(table, obj) {
    this.remove(table, obj.id);
    return this.insert(table, obj);
  }

  /** Ids of `table` records attached to a domain object (property, tagdomainassociation, description). */
  byDomain(table, cls, ident) {
    return this.idx.byDomain.get(`${table}:${cls}:${ident}`) ?? [];
  }

  userByPublicKey(pub) {
    const id = this.idx.userByPub.get(pub);
    return id === undefined ? undefined : this.t.user.get(id);
  }

  userByUsername(name) {
    const id = this.idx.userByName.get(String(name).toLowerCase());
    return id === undefined ? undefined : this.t.user.get(id);
  }

  annotationIdsOfProject(p) {
    return this.idx.annByProject.get(p) ?? [];
  }

  annotationIdsOfImage(i) {
    return this.idx.annByImage.get(i) ?? [];
  }

  /** Annotation-term records of an annotation. */
  termsOfAnnotation(annId) {
    const ids = this.idx.atByAnn.get(annId);
    if (!ids) return [];
    return ids.map((id) => this.t.annotationterm.get(id));
  }

  imagesOfProject(p) {
    return (this.idx.imagesByProject.get(p) ?? []).map((id) => this.t.imageinstance.get(id));
  }

  slicesOfImage(i) {
    return (this.idx.slicesByImage.get(i) ?? []).map((id) => this.t.sliceinstance.get(id));
  }

  termsOfOntology(o) {
    return (this.idx.termsByOntology.get(o) ?? []).map((id) => this.t.term.get(id));
  }

  /** Parent term id of a term (term1 of a "parent" relation whose term2 is it), or null. */
  parentOf(termId) {
    for (const r of this.t.relationterm.values()) {
      if (r.term2 === termId && r.relation === this.parentRelationId) return r.term1;
    }
    return null;
  }
}

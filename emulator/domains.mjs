/**
 * Per-domain facts used by command responses and undo/redo: Java class names, response
 * keys, callback keys and the English messages of core's messages.properties (the ones
 * the contract quotes verbatim; others follow the same pattern).
 */
import { fmtLong } from './envelope.mjs';

const P = 'be.cytomine.domain.';

/** @type {Record<string, {cls:string, simple:string, key:string, callbackKey:string, msg:(a:string,o:any,s:any)=>string}>} */
export const DOMAINS = {
  project: {
    cls: `${P}project.Project`, simple: 'Project', key: 'project', callbackKey: 'project',
    msg: (a, o) => (a === 'edited' ? `Project ${fmtLong(o.id)}  (${o.name}) edited` : `Project ${fmtLong(o.id)} (${o.name}) ${a}`),
  },
  ontology: {
    cls: `${P}ontology.Ontology`, simple: 'Ontology', key: 'ontology', callbackKey: 'ontology',
    msg: (a, o) => `Ontology ${fmtLong(o.id)} (${o.name}) ${a}`,
  },
  term: {
    cls: `${P}ontology.Term`, simple: 'Term', key: 'term', callbackKey: 'term',
    msg: (a, o, s) => `Term ${o.id} (${o.name}) ${a} in ontology ${s.get('ontology', o.ontology)?.name ?? o.ontology}`,
  },
  relationterm: {
    cls: `${P}ontology.RelationTerm`, simple: 'RelationTerm', key: 'relationterm', callbackKey: 'relationterm',
    msg: (a, o, s) => `Relation ${s.get('relation', o.relation)?.name ?? o.relation} between Term ${s.get('term', o.term1)?.name ?? o.term1} and Term ${s.get('term', o.term2)?.name ?? o.term2} is ${a}`,
  },
  abstractimage: {
    cls: `${P}image.AbstractImage`, simple: 'AbstractImage', key: 'abstractimage', callbackKey: 'abstractimage',
    msg: (a, o) => `Image ${o.id} (${o.originalFilename}) ${a}`,
  },
  imageinstance: {
    cls: `${P}image.ImageInstance`, simple: 'ImageInstance', key: 'imageinstance', callbackKey: 'imageinstance',
    msg: (a, o, s) => `Image ${s.get('abstractimage', o.baseImage)?.originalFilename ?? o.baseImage} ${a} in project ${s.get('project', o.project)?.name ?? o.project}`,
  },
  sliceinstance: {
    cls: `${P}image.SliceInstance`, simple: 'SliceInstance', key: 'sliceinstance', callbackKey: 'sliceinstance',
    msg: (a, o) => `Slice ${o.id} ${a}`,
  },
  annotation: {
    cls: `${P}ontology.UserAnnotation`, simple: 'UserAnnotation', key: 'annotation', callbackKey: 'userannotation',
    msg: (a, o, s, actor) => {
      const img = s.get('imageinstance', o.image);
      const owner = s.get('user', o.user);
      const fname = img ? (img.instanceFilename || s.get('abstractimage', img.baseImage)?.originalFilename) : o.image;
      return `${actor?.name ?? ''} ${a} an annotation in ${fname} on layer ${owner?.name ?? o.user}`;
    },
  },
  annotationterm: {
    cls: `${P}ontology.AnnotationTerm`, simple: 'AnnotationTerm', key: 'annotationterm', callbackKey: 'annotationterm',
    msg: (a, o, s) => `Term ${s.get('term', o.term)?.name ?? o.term} is ${a === 'added' ? 'added to' : a === 'deleted' ? 'deleted from' : 'edited on'} annotation ${o.userannotation}`,
  },
  property: {
    cls: `${P}meta.Property`, simple: 'Property', key: 'property', callbackKey: 'property',
    msg: (a, o) => `Property ${o.key} ${a === 'added' ? 'added to' : a} ${o.domainClassName.split('.').pop()} ${o.domainIdent}`,
  },
  tag: {
    cls: `${P}meta.Tag`, simple: 'Tag', key: 'tag', callbackKey: 'tag',
    msg: (a, o) => `Tag ${o.id} (${o.name}) ${a}`,
  },
  tagdomainassociation: {
    cls: `${P}meta.TagDomainAssociation`, simple: 'TagDomainAssociation', key: 'tagdomainassociation', callbackKey: 'tagdomainassociation',
    msg: (a, o) => `TagDomainAssociation between ${o.tag} and ${o.domainClassName.split('.').pop()} ${o.domainIdent} ${a}`,
  },
  description: {
    cls: `${P}meta.Description`, simple: 'Description', key: 'description', callbackKey: 'description',
    msg: (a, o) => `Description for ${o.domainClassName.split('.').pop()} ${a === 'added' ? 'created' : a}`,
  },
  reviewedannotation: {
    cls: `${P}ontology.ReviewedAnnotation`, simple: 'ReviewedAnnotation', key: 'reviewedannotation', callbackKey: 'reviewedannotation',
    msg: (a, o) => `Reviewed annotation ${o.id} ${a === 'added' ? 'added' : a} (annotation ${o.parentIdent})`,
  },
  role: {
    cls: `${P}security.SecRole`, simple: 'SecRole', key: 'role', callbackKey: 'role',
    msg: (a, o) => `Role ${o.authority} ${a}`,
  },
};

/** Domain class names accepted in `domain/{cls}/{ident}/...` paths, mapped to store tables. */
export const CLASS_TABLE = {
  [`${P}project.Project`]: 'project',
  [`${P}image.ImageInstance`]: 'imageinstance',
  [`${P}image.AbstractImage`]: 'abstractimage',
  [`${P}ontology.UserAnnotation`]: 'annotation',
  [`${P}ontology.AnnotationDomain`]: 'annotation',
  [`${P}ontology.Ontology`]: 'ontology',
  [`${P}ontology.Term`]: 'term',
  [`${P}image.SliceInstance`]: 'sliceinstance',
};

/** The Java class of a command, e.g. `be.cytomine.AddProjectCommand`. */
export const commandClass = (action, table) => `be.cytomine.${action}${DOMAINS[table].simple}Command`;

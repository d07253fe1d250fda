// Generated from src/domains by `UPDATE_GENERATED=1 cargo test generated`: edit the declarations, not this file.
// The classes of src/domains/annotation.rs; their runtime is js/declare.js.
import { Model } from '../model.js';
import { Collection } from '../collection.js';
import { declareCollection, declareModel, send } from '../declare.js';
import { AnnotationCollectionExtension, AnnotationExtension, AnnotationTermExtension } from '../extensions/annotations.js';

/** A geometry drawn on an image (WKT in pixel coordinates), with terms. */
export const Annotation = /*#__PURE__*/ declareModel(
  class Annotation extends /*#__PURE__*/ AnnotationExtension(Model) {
    /** Fills the holes of the geometry. */
    async fill(...args) {
      return await send(this, 'fill', 'POST annotation/{id}/fill.json', args, { returns: 'self annotation', setsLastCommand: true });
    }
    /** Accepts the annotation in review (with `terms`); resolves to the reviewed annotation. */
    async review(...args) {
      return await send(this, 'review', 'PUT annotation/{id}/review.json', args, { params: { terms: 'body' }, returns: 'model reviewedannotation', setsLastCommand: true }, Annotation);
    }
    /** Withdraws the review of the annotation. */
    async cancelReview(...args) {
      return await send(this, 'cancelReview', 'DELETE annotation/{id}/review.json', args, { returns: 'nothing' });
    }
    /** Copies the annotation onto the following `repeat` slices from `slice`. */
    async repeat(...args) {
      return await send(this, 'repeat', 'POST userannotation/{id}/repeat.json', args, { params: { slice: 'body', repeat: 'body' } });
    }
    /** Simplifies the geometry to between `minPoint` and `maxPoint` points. */
    async simplify(...args) {
      return await send(this, 'simplify', 'PUT annotation/{id}/simplify.json', args, { params: { minPoint: 'query', maxPoint: 'query' }, returns: 'self' });
    }
  },
  { name: 'Annotation', cb: 'annotation', label: '', fields: ['project', 'image', 'slice', 'user', 'location', 'geometryCompression', 'centroid', 'area', 'areaUnit', 'perimeter', 'perimeterUnit', 'reviewed', 'parentIdent', 'term', 'imageURL', 'cropURL', 'smallCropURL'] },
);

/** A list of Annotations. */
export const AnnotationCollection = /*#__PURE__*/ declareCollection(
  class AnnotationCollection extends /*#__PURE__*/ AnnotationCollectionExtension(Collection) {},
  { name: 'AnnotationCollection', props: ['showDefault', 'showBasic', 'showMeta', 'showWKT', 'showGIS', 'showTerm', 'showAlgo', 'showUser', 'showImage', 'showSlice', 'showTrack', 'hideBasic', 'hideMeta', 'hideWKT', 'hideGIS', 'hideTerm', 'reviewed', 'notReviewedOnly', 'reviewUsers', 'project', 'image', 'images', 'slice', 'slices', 'user', 'users', 'includeAlgo', 'kmeans', 'term', 'terms', 'suggestedTerm', 'userForTermAlgo', 'noTerm', 'noAlgoTerm', 'multipleTerm', 'tag', 'tags', 'noTag', 'bbox', 'bboxAnnotation', 'baseAnnotation', 'maxDistanceBaseAnnotation', 'afterThan', 'beforeThan'], postSearch: 'annotation/search.json', defaults: { showDefault: true } },
  Annotation,
);

/** The association of a term with an annotation, by a user. */
export const AnnotationTerm = /*#__PURE__*/ declareModel(
  class AnnotationTerm extends /*#__PURE__*/ AnnotationTermExtension(Model) {},
  { name: 'AnnotationTerm', cb: 'annotationterm', label: 'term', fields: ['annotation', 'userannotation', 'term', 'user'], uri: { new: 'annotation/{annotation}/term/{term}.json', existing: 'annotation/{annotation}/term/{term}.json' }, disabled: ['update'] },
);

/** A list of AnnotationTerms. */
export const AnnotationTermCollection = /*#__PURE__*/ declareCollection(
  class AnnotationTermCollection extends Collection {},
  { name: 'AnnotationTermCollection', filters: ['annotation'], cb: 'term' },
  AnnotationTerm,
);

// Generated from src/domains by `UPDATE_GENERATED=1 cargo test generated`: edit the declarations, not this file.
// The classes of src/domains/image.rs; their runtime is js/declare.js.
import { Model } from '../model.js';
import { Collection } from '../collection.js';
import { declareCollection, declareModel, send } from '../declare.js';
import { AbstractImageCollectionExtension, AbstractImageExtension, ImageInstanceCollectionExtension, ImageInstanceExtension, SliceInstanceExtension } from '../extensions/images.js';
import { User } from './user.js';

/** An image file as uploaded, independent of projects. */
export const AbstractImage = /*#__PURE__*/ declareModel(
  class AbstractImage extends /*#__PURE__*/ AbstractImageExtension(Model) {
    /** The user who uploaded the image. */
    async fetchUploader(...args) {
      return await send(this, 'fetchUploader', 'GET abstractimage/{id}/user.json', args, { returns: 'model' }, User);
    }
    /** URLs of the image servers serving the image. */
    async fetchImageServers(...args) {
      return await send(this, 'fetchImageServers', 'GET abstractimage/{id}/imageservers.json', args, { returns: 'member imageServersURLs' });
    }
    /** Histogram statistics per channel. */
    async fetchHistogramStats(...args) {
      return await send(this, 'fetchHistogramStats', 'GET abstractimage/{id}/histogram/stats.json', args, { returns: 'member collection' });
    }
    /** Asks the server to compute the image's histograms. */
    async extractHistogram(...args) {
      return await send(this, 'extractHistogram', 'POST abstractimage/{id}/histogram/extract.json', args, { returns: 'self' });
    }
  },
  { name: 'AbstractImage', cb: 'abstractimage', label: 'originalFilename', fields: ['filename', 'originalFilename', 'path', 'contentType', 'width', 'height', 'depth', 'duration', 'channels', 'physicalSizeX', 'physicalSizeY', 'physicalSizeZ', 'fps', 'zoom', 'magnification', 'thumb', 'preview', 'macroURL', 'uploadedFile', 'inProject', 'scanner', 'sample', 'time', 'resolution'] },
);

/** A list of AbstractImages. */
export const AbstractImageCollection = /*#__PURE__*/ declareCollection(
  class AbstractImageCollection extends /*#__PURE__*/ AbstractImageCollectionExtension(Collection) {},
  { name: 'AbstractImageCollection', props: ['project'] },
  AbstractImage,
);

/** An image in a project, with its annotation counts and review state. */
export const ImageInstance = /*#__PURE__*/ declareModel(
  class ImageInstance extends /*#__PURE__*/ ImageInstanceExtension(Model) {
    /** The next image of the project (an empty model when none). */
    async fetchNext(...args) {
      return await send(this, 'fetchNext', 'GET imageinstance/{id}/next.json', args, { returns: 'model' }, ImageInstance);
    }
    /** The previous image of the project (an empty model when none). */
    async fetchPrevious(...args) {
      return await send(this, 'fetchPrevious', 'GET imageinstance/{id}/previous.json', args, { returns: 'model' }, ImageInstance);
    }
    /** The slice shown by default. */
    async fetchReferenceSlice(...args) {
      return await send(this, 'fetchReferenceSlice', 'GET imageinstance/{id}/sliceinstance/reference.json', args, { returns: 'model' }, SliceInstance);
    }
    /** Ids of the users looking at the image now (broadcasting only with `broadcast`). */
    async fetchConnectedUsers(...args) {
      return await send(this, 'fetchConnectedUsers', 'GET imageinstance/{id}/online.json', args, { params: { broadcast: 'query' }, returns: 'member users' });
    }
    /** Annotation layers of the same abstract image in other projects. */
    async fetchLayersInOtherProjects(...args) {
      return await send(this, 'fetchLayersInOtherProjects', 'GET imageinstance/{id}/sameimagedata.json', args, { params: { project: 'query' }, returns: 'member collection' });
    }
    /** Number of annotations per user and slice. */
    async fetchAnnotationsIndex(...args) {
      return await send(this, 'fetchAnnotationsIndex', 'GET imageinstance/{id}/annotationindex.json', args, { returns: 'member collection' });
    }
    /** Copies the properties of another image instance (`based`) onto this one. */
    async copyMetadata(...args) {
      return await send(this, 'copyMetadata', 'POST imageinstance/{id}/copymetadata.json', args, { params: { based: 'query' }, returns: 'nothing' });
    }
    /** Starts reviewing the image. */
    async review(...args) {
      return await send(this, 'review', 'PUT imageinstance/{id}/review.json', args, { returns: 'self imageinstance', setsLastCommand: true });
    }
    /** Ends the review (validates it, or cancels it with `cancel`). */
    async stopReview(...args) {
      return await send(this, 'stopReview', 'DELETE imageinstance/{id}/review.json', args, { params: { cancel: 'query' }, defaults: { cancel: false }, returns: 'self imageinstance' });
    }
    /** Reviewed annotations per user. */
    async fetchReviewStatistics(...args) {
      return await send(this, 'fetchReviewStatistics', 'GET imageinstance/{id}/reviewedannotation/stats.json', args, { returns: 'member collection' });
    }
    /** The image histogram (the whole answer, as cytomine-client). */
    async fetchHistogram(...args) {
      return await send(this, 'fetchHistogram', 'GET imageinstance/{id}/histogram.json', args, { options: true, params: { nBins: 'query' } });
    }
    /** Min/max of the image histogram (the whole answer). */
    async fetchHistogramBounds(...args) {
      return await send(this, 'fetchHistogramBounds', 'GET imageinstance/{id}/histogram/bounds.json', args);
    }
    /** One histogram per channel. */
    async fetchChannelHistograms(...args) {
      return await send(this, 'fetchChannelHistograms', 'GET imageinstance/{id}/channelhistogram.json', args, { options: true, params: { nBins: 'query' }, returns: 'member collection' });
    }
    /** Min/max per channel. */
    async fetchChannelHistogramBounds(...args) {
      return await send(this, 'fetchChannelHistogramBounds', 'GET imageinstance/{id}/channelhistogram/bounds.json', args, { returns: 'member collection' });
    }
  },
  { name: 'ImageInstance', cb: 'imageinstance', label: 'instanceFilename', fields: ['filename', 'originalFilename', 'path', 'contentType', 'width', 'height', 'depth', 'duration', 'channels', 'physicalSizeX', 'physicalSizeY', 'physicalSizeZ', 'fps', 'zoom', 'magnification', 'thumb', 'preview', 'macroURL', 'baseImage', 'project', 'user', 'instanceFilename', 'blindedName', 'numberOfAnnotations', 'numberOfReviewedAnnotations', 'reviewStart', 'reviewStop', 'reviewUser', 'reviewed', 'inReview', 'sample', 'time', 'resolution'] },
);

/** A list of ImageInstances. */
export const ImageInstanceCollection = /*#__PURE__*/ declareCollection(
  class ImageInstanceCollection extends /*#__PURE__*/ ImageInstanceCollectionExtension(Collection) {
    /** All images the current user can open, as `{id, instanceFilename}`. */
    static async fetchAllLight(...args) {
      return await send(this, 'fetchAllLight', 'GET user/0/imageinstance/light.json', args, { options: true, params: { max: 'query', offset: 'query' }, defaults: { max: 0, offset: 0 }, returns: 'member collection' });
    }
    /** Min/max of the image list's numeric columns in a project. */
    static async fetchBounds(...args) {
      return await send(this, 'fetchBounds', 'GET project/{project}/bounds/imageinstance.json', args, { options: true, params: { project: 'path' } });
    }
  },
  { name: 'ImageInstanceCollection', filters: ['project', 'user', 'imagegroup'], props: ['withLastActivity', 'light', 'sort', 'order'] },
  ImageInstance,
);

/** One channel / z-stack / time slice of an image instance. */
export const SliceInstance = /*#__PURE__*/ declareModel(
  class SliceInstance extends /*#__PURE__*/ SliceInstanceExtension(Model) {
    /** Number of annotations per user on this slice. */
    async fetchAnnotationsIndex(...args) {
      return await send(this, 'fetchAnnotationsIndex', 'GET sliceinstance/{id}/annotationindex.json', args, { returns: 'member collection' });
    }
    /** The slice histogram. */
    async fetchHistogram(...args) {
      return await send(this, 'fetchHistogram', 'GET sliceinstance/{id}/histogram.json', args, { options: true, params: { nBins: 'query' }, returns: 'member collection' });
    }
    /** Min/max of the slice histogram. */
    async fetchHistogramBounds(...args) {
      return await send(this, 'fetchHistogramBounds', 'GET sliceinstance/{id}/histogram/bounds.json', args, { returns: 'member collection' });
    }
    /** One histogram per channel of the slice. */
    async fetchChannelHistograms(...args) {
      return await send(this, 'fetchChannelHistograms', 'GET sliceinstance/{id}/channelhistogram.json', args, { options: true, params: { nBins: 'query' }, returns: 'member collection' });
    }
    /** Min/max per channel of the slice. */
    async fetchChannelHistogramBounds(...args) {
      return await send(this, 'fetchChannelHistogramBounds', 'GET sliceinstance/{id}/channelhistogram/bounds.json', args, { returns: 'member collection' });
    }
  },
  { name: 'SliceInstance', cb: 'sliceinstance', label: 'path', fields: ['uploadedFile', 'project', 'baseSlice', 'image', 'path', 'mime', 'channel', 'zStack', 'time', 'rank'] },
);

/** A list of SliceInstances. */
export const SliceInstanceCollection = /*#__PURE__*/ declareCollection(
  class SliceInstanceCollection extends Collection {},
  { name: 'SliceInstanceCollection', filters: ['imageinstance'] },
  SliceInstance,
);

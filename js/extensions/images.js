// Images: URL helpers, thumbnails, viewer tiles, copies of annotation layers, image groups, files.
import { STATE } from '../internal.js';
import { classNamed } from '../declare.js';
import { keyed, downloadable, imageUrls, imageCopy } from './shared.js';
import { uploadedFileStatusText } from './repository.js';
import { imageTiles, sliceTiles } from './tiles.js';

/** What `ImageInstance` adds to its declared class. */
export const ImageInstanceExtension = (Base) => imageTiles(imageCopy(imageUrls(Base)));

/** What `SliceInstance` adds to its declared class. */
export const SliceInstanceExtension = sliceTiles;

/** What `AbstractImage` adds to its declared class. */
export const AbstractImageExtension = imageUrls;

/** What `UploadedFile` adds to its declared class. */
export const UploadedFileExtension = (Base) => uploadedFileStatusText(downloadable(Base));

/**
 * What `ImageGroupImageInstance` adds to its declared class.
 * @uses ImageInstance
 */
export const ImageGroupImageInstanceExtension = (Base) =>
  class extends keyed('group', 'image')(Base) {
    /** The next image of the group (the first after the last with `circular`). */
    fetchNext(circular = true) {
      return this._neighbour('next', circular);
    }

    /** The previous image of the group (the last before the first with `circular`). */
    fetchPrevious(circular = true) {
      return this._neighbour('previous', circular);
    }

    async _neighbour(which, circular) {
      const data = await this._request('GET', `imagegroup/{group}/imageinstance/{image}/${which}.json`, { query: { circular }, expect: 'object' });
      return new (classNamed(this.cytomine, 'ImageInstance'))(data);
    }
  };

/** What `CompanionFile` adds to its declared class. */
export const CompanionFileExtension = downloadable;

/** What `AbstractImageCollection` adds to its declared class. */
export const AbstractImageCollectionExtension = (Base) =>
  class extends Base {
    /** A new collection filled with the abstract images used in no project (as cytomine-client). */
    static fetchUnused() {
      return new this().fetchUnused();
    }

    /** Replaces the items by the abstract images used in no project; resolves to `this`. */
    async fetchUnused() {
      const data = await this.cytomine.request('GET', 'abstractimage/unused.json', { expect: 'list' });
      return this._fill({ ...data, size: this.totalNbItems ?? data.size, totalPages: this.nbPages }, false);
    }
  };

/** What `ImageInstanceCollection` adds to its declared class. */
export const ImageInstanceCollectionExtension = (Base) =>
  class extends Base {
    /** Core swaps offset and max on `user/{id}/imageinstance.json` (contract §3.6). */
    _pagingSwapped() {
      return this[STATE].filter.key === 'user';
    }

    /** Images the current user (or `user` in `project`) opened last, as `{id, ...}` items. */
    static async fetchLastOpened(options = {}) {
      const { project, user, distinctImages = true, max = 0, offset = 0 } = options ?? {};
      const path = project && user ? 'project/{project}/user/{user}/imageconsultation.json' : 'imageinstance/method/lastopened.json';
      const data = await this.cytomine.request('GET', path, { params: { project, user }, query: { max, offset, distinctImages } });
      return data?.collection ?? [];
    }
  };

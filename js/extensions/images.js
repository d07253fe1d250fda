// Images: URL helpers, thumbnails, viewer tiles, copies of annotation layers, image groups, files.
import { STATE } from '../internal.js';
import { keyed, downloadable, imageUrls, imageCopy } from './shared.js';
import { uploadedFileStatusText } from './repository.js';
import { imageTiles, sliceTiles } from './tiles.js';

/** Extensions of this area, by class name (see ./index.js). */
export const images = {
  ImageInstance: { model: (Base) => imageTiles(imageCopy(imageUrls(Base))) },
  SliceInstance: { model: sliceTiles },
  AbstractImage: { model: imageUrls },
  UploadedFile: { model: (Base) => uploadedFileStatusText(downloadable(Base)) },
  ImageGroupImageInstance: {
    model: (Base) =>
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
          return new this.cytomine.models.ImageInstance(data);
        }
      },
  },
  CompanionFile: { model: downloadable },
  AbstractImageCollection: {
    collection: (Base) =>
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
      },
  },
  ImageInstanceCollection: {
    collection: (Base) =>
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
      },
  },
};

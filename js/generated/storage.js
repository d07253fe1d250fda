// Generated from src/domains by `UPDATE_GENERATED=1 cargo test generated`: edit the declarations, not this file.
// The classes of src/domains/storage.rs; their runtime is js/declare.js.
import { Model } from '../model.js';
import { Collection } from '../collection.js';
import { declareCollection, declareModel, send } from '../declare.js';
import { CompanionFileExtension, UploadedFileExtension } from '../extensions/images.js';
import { User } from './user.js';

/** A storage of uploaded files, shared with users (READ, WRITE, ADMINISTRATION). */
export const Storage = /*#__PURE__*/ declareModel(
  class Storage extends Model {
    /** Creates the default storage of `user` (admin). */
    static async create(...args) {
      return await send(this, 'create', 'POST storage/create/{user}.json', args, { params: { user: 'path' }, returns: 'model', removed: true }, Storage);
    }
    /** Gives `user` access to the storage (with `permission`, default READ). */
    async addUser(...args) {
      return await send(this, 'addUser', 'POST storage/{id}/user/{user}.json', args, { params: { user: 'path', permission: 'query' }, removed: true });
    }
    /** Gives several users access to the storage. */
    async addUsers(...args) {
      return await send(this, 'addUsers', 'POST storage/{id}/user.json', args, { params: { users: 'query', permission: 'query' }, removed: true });
    }
    /** Withdraws the access of `user`. */
    async removeUser(...args) {
      return await send(this, 'removeUser', 'DELETE storage/{id}/user/{user}.json', args, { params: { user: 'path' }, removed: true });
    }
    /** Withdraws the access of several users. */
    async deleteUsers(...args) {
      return await send(this, 'deleteUsers', 'DELETE storage/{id}/user.json', args, { params: { users: 'query' }, removed: true });
    }
    /** Changes the permission of `user` on the storage. */
    async changePermission(...args) {
      return await send(this, 'changePermission', 'PUT storage/{id}/user/{user}.json', args, { params: { user: 'path', permission: 'query' }, removed: true });
    }
  },
  { name: 'Storage', cb: 'storage', fields: ['name', 'user', 'userId', 'dataType'], repository: { renamed: [['user', 'userId']], removed: ['create', 'addUser', 'addUsers', 'removeUser', 'deleteUsers', 'changePermission'] } },
);

/** A list of Storages. */
export const StorageCollection = /*#__PURE__*/ declareCollection(
  class StorageCollection extends Collection {},
  { name: 'StorageCollection', props: ['all'] },
  Storage,
);

/** A storage the current user can access, with the permission. */
export const StorageAccess = /*#__PURE__*/ declareModel(
  class StorageAccess extends Model {},
  { name: 'StorageAccess', cb: 'storageaccess', fields: ['name', 'user', 'permission'] },
);

/** A list of StorageAccesss. */
export const StorageAccessCollection = /*#__PURE__*/ declareCollection(
  class StorageAccessCollection extends Collection {},
  { name: 'StorageAccessCollection', uri: 'storage/access.json' },
  StorageAccess,
);

/** A user of a storage with their permission (`role`), files and size. */
export const StorageUser = /*#__PURE__*/ declareModel(
  class StorageUser extends Model {},
  { name: 'StorageUser', cb: 'storage-user', label: 'username', fields: ['username', 'firstname', 'lastname', 'numberOfFiles', 'totalSize', 'role'] },
);

/** A list of StorageUsers. */
export const StorageUserCollection = /*#__PURE__*/ declareCollection(
  class StorageUserCollection extends Collection {},
  { name: 'StorageUserCollection', filters: ['storage'], cb: 'usersstats' },
  StorageUser,
);

/** A file uploaded to a storage, with its conversion status (`UploadedFileStatus`). */
export const UploadedFile = /*#__PURE__*/ declareModel(
  class UploadedFile extends /*#__PURE__*/ UploadedFileExtension(Model) {},
  { name: 'UploadedFile', cb: 'uploadedfile', label: 'originalFilename', fields: ['user', 'storage', 'parent', 'projects', 'imageServer', 'path', 'filename', 'originalFilename', 'ext', 'contentType', 'size', 'thumbURL', 'status', 'statusText', 'thumbnailUrl', 'dataType', 'storageId', 'userId'], repository: { renamed: [['thumbURL', 'thumbnailUrl']] } },
);

/** A list of UploadedFiles. */
export const UploadedFileCollection = /*#__PURE__*/ declareCollection(
  class UploadedFileCollection extends Collection {},
  { name: 'UploadedFileCollection', props: ['onlyRoots', 'parent', 'all'] },
  UploadedFile,
);

/** One plane (channel, z, time) of an abstract image. */
export const AbstractSlice = /*#__PURE__*/ declareModel(
  class AbstractSlice extends Model {
    /** The user who uploaded the image. */
    async fetchUploader(...args) {
      return await send(this, 'fetchUploader', 'GET abstractslice/{id}/user.json', args, { returns: 'model' }, User);
    }
  },
  { name: 'AbstractSlice', cb: 'abstractslice', label: 'path', fields: ['uploadedFile', 'path', 'image', 'mime', 'channel', 'zStack', 'time'] },
);

/** A list of AbstractSlices. */
export const AbstractSliceCollection = /*#__PURE__*/ declareCollection(
  class AbstractSliceCollection extends Collection {},
  { name: 'AbstractSliceCollection', filters: ['abstractimage', 'uploadedfile'] },
  AbstractSlice,
);

/** A file accompanying an abstract image (e.g. a profile). */
export const CompanionFile = /*#__PURE__*/ declareModel(
  class CompanionFile extends /*#__PURE__*/ CompanionFileExtension(Model) {},
  { name: 'CompanionFile', cb: 'companionfile', label: 'path', fields: ['uploadedFile', 'path', 'image', 'type', 'originalFilename', 'filename'] },
);

/** A list of CompanionFiles. */
export const CompanionFileCollection = /*#__PURE__*/ declareCollection(
  class CompanionFileCollection extends Collection {},
  { name: 'CompanionFileCollection', filters: ['abstractimage', 'uploadedfile'] },
  CompanionFile,
);

/** The histogram of one sample of an abstract slice. */
export const SampleHistogram = /*#__PURE__*/ declareModel(
  class SampleHistogram extends Model {},
  { name: 'SampleHistogram', cb: 'samplehistogram', label: '', fields: ['slice', 'sample', 'min', 'max', 'histogram'] },
);

/** A list of SampleHistograms. */
export const SampleHistogramCollection = /*#__PURE__*/ declareCollection(
  class SampleHistogramCollection extends Collection {},
  { name: 'SampleHistogramCollection', filters: ['abstractslice', 'sliceinstance'] },
  SampleHistogram,
);

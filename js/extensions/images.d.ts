// Types of js/extensions/images.js: the members it adds to the generated classes (js/index.d.ts
// makes each `<Class>` extend `<Class>Extension`).
import type { Model, Id, Collection } from '../types/base.js';
import type { AbstractImageCollection, ImageGroupImageInstance, ImageInstance, SliceInstance } from '../index.js';

/** Options of viewer tiles: format and the server's tile parameters (`channels`, `filters`...). */
export type TileOptions = { format?: 'png' | 'jpg' | 'webp' } & Record<string, string | number | undefined>;

/** Options for an OpenLayers TileGrid over a Cytomine image. */
export interface TileGridOptions {
  extent: [number, number, number, number];
  origin: [number, number];
  tileSize: [number, number];
  resolutions: number[];
}

/** What `ImageInstance.fetchTileSource` resolves to. */
export interface TileSource {
  slice: SliceInstance;
  url: string;
  tileUrlFunction: (tileCoord: number[] | null) => string | undefined;
  tileLoadFunction: (tile: any, src: string) => void;
  tileGrid: TileGridOptions;
  format: string;
}

/** What js/extensions/images.js adds to `ImageInstance`. */
export declare class ImageInstanceExtension extends Model {
  /** The thumbnail URL at another size or format, or null. */
  thumbURL(maxSize?: number, format?: string, otherParameters?: Record<string, string | number>): string | null;
  /** The preview URL at another size or format, or null. */
  previewURL(maxSize?: number, format?: string, otherParameters?: Record<string, string | number>): string | null;
  /** The URL of an associated image (`macro`, `label`...), or null. */
  associatedImageURL(kind?: string, maxSize?: number, format?: string, otherParameters?: Record<string, string | number>): string | null;
  /** URL of the original file. */
  readonly downloadURL: string;
  /** The thumbnail as a Blob, fetched with this connection's credentials. */
  fetchThumb(options?: { maxSize?: number; format?: 'png' | 'jpg' | 'webp'; signal?: AbortSignal }): Promise<Blob>;
  /** Options for an OpenLayers TileGrid in Cytomine's coordinates (y up): resolutions 2^zoom ... 1. */
  tileGridOptions(): TileGridOptions;
  /** One tile of the reference slice as a Blob (zoom 0 = whole slide). */
  fetchTile(zoom: number, tx: number, ty: number, options?: TileOptions): Promise<Blob>;
  /** Everything an OpenLayers tile source needs, from the reference slice. */
  fetchTileSource(options?: TileOptions): Promise<TileSource>;
  /** Copies annotation layers `[{image, user}]` of other images onto this one. */
  copyData(layers: Array<{ image: Id; user: Id }>, giveMe?: boolean): Promise<any>;
}

/** What js/extensions/images.js adds to `SliceInstance`. */
export declare class SliceInstanceExtension extends Model {
  /** The URL of one tile (no credentials in it); zoom 0 = whole slide, tiles from the top-left. */
  tileURL(zoom: number, tx: number, ty: number, options?: TileOptions): string;
  /** The tile URL with `{z}`, `{x}` and `{y}` placeholders. */
  tileURLTemplate(options?: TileOptions): string;
  /** An OpenLayers tileUrlFunction. */
  tileUrlFunction(options?: TileOptions): (tileCoord: number[] | null) => string | undefined;
  /** One tile as a Blob, fetched with this connection's credentials. */
  fetchTile(zoom: number, tx: number, ty: number, options?: TileOptions & { signal?: AbortSignal }): Promise<Blob>;
  /** An OpenLayers tileLoadFunction that fetches each tile through the connection (object URLs). */
  tileLoadFunction(parameters?: Record<string, string | number>): (tile: any, src: string) => void;
}

/** What js/extensions/images.js adds to `AbstractImage`. */
export declare class AbstractImageExtension extends Model {
  /** The thumbnail URL at another size or format, or null. */
  thumbURL(maxSize?: number, format?: string, otherParameters?: Record<string, string | number>): string | null;
  /** The preview URL at another size or format, or null. */
  previewURL(maxSize?: number, format?: string, otherParameters?: Record<string, string | number>): string | null;
  /** The URL of an associated image (`macro`, `label`...), or null. */
  associatedImageURL(kind?: string, maxSize?: number, format?: string, otherParameters?: Record<string, string | number>): string | null;
  /** URL of the original file. */
  readonly downloadURL: string;
  /** The thumbnail as a Blob, fetched with this connection's credentials. */
  fetchThumb(options?: { maxSize?: number; format?: 'png' | 'jpg' | 'webp'; signal?: AbortSignal }): Promise<Blob>;
}

/** What js/extensions/images.js adds to `UploadedFile`. */
export declare class UploadedFileExtension extends Model {
  /** URL of the file. */
  readonly downloadURL: string;
}

/** What js/extensions/images.js adds to `ImageGroupImageInstance`. */
export declare class ImageGroupImageInstanceExtension extends Model {
  constructor(props?: Record<string, unknown>);
  static fetch(group: Id, image: Id): Promise<ImageGroupImageInstance>;
  static delete(group: Id, image: Id): Promise<void>;
  /** The next image of the group (the first after the last with `circular`). */
  fetchNext(circular?: boolean): Promise<ImageInstance>;
  /** The previous image of the group (the last before the first with `circular`). */
  fetchPrevious(circular?: boolean): Promise<ImageInstance>;
}

/** What js/extensions/images.js adds to `CompanionFile`. */
export declare class CompanionFileExtension extends Model {
  /** URL of the file. */
  readonly downloadURL: string;
}

/** What js/extensions/images.js adds to `AbstractImageCollection`. */
export declare class AbstractImageCollectionExtension<T extends Model, Filter extends string> extends Collection<T, Filter> {
  /** Replaces the items by the abstract images used in no project. */
  fetchUnused(): Promise<this>;
  /** A new collection filled with the abstract images used in no project. */
  static fetchUnused(): Promise<AbstractImageCollection>;
}

/** What js/extensions/images.js adds to `ImageInstanceCollection`. */
export declare class ImageInstanceCollectionExtension<T extends Model, Filter extends string> extends Collection<T, Filter> {
  /** Images the current user (or `user` in `project`) opened last. */
  static fetchLastOpened(options?: { project?: Id; user?: Id; distinctImages?: boolean; max?: number; offset?: number }): Promise<Array<Record<string, any>>>;
}

// The few behaviours that are not plain declarations (composite keys, objects that metadata is
// attached to, annotation types, image URLs, uploads...), by class name. Each entry's `model` or
// `collection` returns a subclass of the generic base built from the Rust declaration; a method
// defined here wins over a declared one of the same name (js/build.js).
import { annotations } from './annotations.js';
import { images } from './images.js';
import { metadata } from './metadata.js';
import { projects } from './projects.js';
import { repository } from './repository.js';
import { users } from './users.js';

/** Every extension, by class name. */
export const extensions = { ...annotations, ...images, ...metadata, ...projects, ...repository, ...users };

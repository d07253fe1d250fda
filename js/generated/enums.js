// Generated from src/domains by `UPDATE_GENERATED=1 cargo test generated`: edit the declarations, not this file.

/** `ProjectMemberRole` values. */
export const ProjectMemberRole = /*#__PURE__*/ Object.freeze({ CONTRIBUTOR: 'contributor', MANAGER: 'manager', REPRESENTATIVE: 'representative' });

/** `AnnotationType` values. */
export const AnnotationType = /*#__PURE__*/ Object.freeze({ ALGO: 'AlgoAnnotation', USER: 'UserAnnotation', REVIEWED: 'ReviewedAnnotation', ROI: 'RoiAnnotation' });

/** `UploadedFileStatus` values. */
export const UploadedFileStatus = /*#__PURE__*/ Object.freeze({ UPLOADED: 0, DETECTING_FORMAT: 10, ERROR_FORMAT: 11, EXTRACTING_DATA: 20, ERROR_EXTRACTION: 21, CONVERTING: 30, ERROR_CONVERSION: 31, DEPLOYING: 40, ERROR_DEPLOYMENT: 41, DEPLOYED: 100, EXTRACTED: 102, CONVERTED: 104 });

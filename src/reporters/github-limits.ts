// Limits of GitHub's REST API, from its documentation of the endpoints
// and the errors it returns when a value is too long.

/** Maximum length of an issue or review comment body ("Body is too long (maximum is 65536 characters)"). */
export const MAX_COMMENT_BODY_LENGTH = 65_536;

/** Maximum length of a check run's `output.summary` and `output.text` (REST "Create a check run"). */
export const MAX_CHECK_OUTPUT_LENGTH = 65_535;

/** Maximum annotations per create or update request (REST "Create a check run"). */
export const MAX_ANNOTATIONS_PER_REQUEST = 50;

/** Maximum length of an annotation `title` (REST "Create a check run", annotations object). */
export const MAX_ANNOTATION_TITLE_LENGTH = 255;

/** Maximum size of an annotation `message` and `raw_details`: 64 KB (REST "Create a check run"). */
export const MAX_ANNOTATION_MESSAGE_BYTES = 64 * 1024;

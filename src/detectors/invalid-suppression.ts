import type { DetectorMeta } from "../types.js";
import { getDocsUrl } from "./docs-url.js";

/**
 * Metadata of the check on suppression comments. The engine applies it
 * itself, from the file text, because comments are not syntax nodes.
 */
export const invalidSuppressionMeta: DetectorMeta = {
  id: "invalid-suppression",
  title: "Require a reason on every structra-disable comment",
  description:
    "A suppression without a reason hides a finding from later reviewers with nothing to judge it by, so it does not apply and is reported.",
  defaultSeverity: "medium",
  fix: "Add `-- <reason>` after the rule id.",
  docsUrl: getDocsUrl("invalid-suppression"),
};

// The grace periods the portal offers when rotating a key (the domain accepts 0..7 days).
export const GRACE_OPTIONS = [
  { seconds: "0", label: "Old key stops immediately", after: "The old key no longer works." },
  { seconds: "3600", label: "Old key works 1 more hour", after: "The old key keeps working for 1 hour." },
  { seconds: "86400", label: "Old key works 24 more hours", after: "The old key keeps working for 24 hours." },
  { seconds: "604800", label: "Old key works 7 more days", after: "The old key keeps working for 7 days." },
] as const;

type GraceSeconds = (typeof GRACE_OPTIONS)[number]["seconds"];
export const GRACE_VALUES = GRACE_OPTIONS.map((option) => option.seconds) as [GraceSeconds, ...GraceSeconds[]];
export const DEFAULT_GRACE: GraceSeconds = "86400";

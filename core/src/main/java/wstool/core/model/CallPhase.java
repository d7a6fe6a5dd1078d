package wstool.core.model;

/** Whether a socket event marks the start of a call, its completion, or is a single notification. */
public enum CallPhase { START, COMPLETE, SINGLE }

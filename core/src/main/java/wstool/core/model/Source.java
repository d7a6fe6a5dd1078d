package wstool.core.model;

/** Where an event was observed. Replay keeps the original source of each recorded event. */
public enum Source {
    WFP, WFP_IMPORT, ETW_AFD, ETW_KERNEL_NETWORK, ETW_DNS, ETW_TCPIP, ETW_OTHER, NFLOG, LINUX_TRACE, REPLAY, SYNTHETIC
}

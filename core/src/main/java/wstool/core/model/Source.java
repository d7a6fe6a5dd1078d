package wstool.core.model;

/**
 * Where an event was observed. Replay keeps the original source of each recorded event. ETW_TCPIP_CLASSIC and
 * ETW_UDPIP_CLASSIC are the NT Kernel Logger's classic TcpIp/UdpIp events, ETW_DNS_CLIENT is
 * Microsoft-Windows-DNS-Client, ETW_KERNEL_PROCESS is Microsoft-Windows-Kernel-Process, ETW_PKTMON is
 * Microsoft-Windows-PktMon (pktmon), ETW_NDIS_CAPTURE is Microsoft-Windows-NDIS-PacketCapture (netsh trace capture=yes).
 */
public enum Source {
    WFP, WFP_IMPORT, ETW_AFD, ETW_KERNEL_NETWORK, ETW_DNS, ETW_TCPIP, ETW_TCPIP_CLASSIC, ETW_UDPIP_CLASSIC,
    ETW_DNS_CLIENT, ETW_KERNEL_PROCESS, ETW_PKTMON, ETW_NDIS_CAPTURE, ETW_OTHER, NFLOG, LINUX_TRACE, REPLAY, SYNTHETIC
}

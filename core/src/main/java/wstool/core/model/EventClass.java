package wstool.core.model;

/** The families of {@link NetEvent}; the JSON Lines "class" tag. */
public enum EventClass { FIREWALL, SOCKET, DNS, PACKET, RAW }

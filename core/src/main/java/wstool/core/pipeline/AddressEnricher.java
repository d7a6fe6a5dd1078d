package wstool.core.pipeline;

import java.net.InetAddress;
import wstool.core.model.Enrichment;

/** Looks up what is known about an address; implemented by the enrich module. */
@FunctionalInterface
public interface AddressEnricher {
    AddressEnricher NONE = address -> Enrichment.NONE;

    /** Never null: {@link Enrichment#NONE} when nothing is known. Called only on the pipeline's consumer thread. */
    Enrichment lookup(InetAddress address);
}

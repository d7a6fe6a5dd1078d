package wstool.correlate;

/**
 * Counts of one run's correlation.
 *
 * @param verdictsMatched firewall verdicts that found their socket event
 * @param verdictsUnmatched verdicts that found none within the window
 * @param flowsWritten flows written
 * @param flowsOpen flows still open (0 once the run has finished)
 * @param flowsEvicted flows written early because the open-flow limit was reached
 * @param lateVerdicts verdicts whose flow had already been written
 * @param verdictsForced verdicts released before their window had passed (held-verdict limit reached)
 * @param hostnamesForgotten DNS answers dropped from the full table before their window had passed
 */
public record CorrelationStats(long verdictsMatched, long verdictsUnmatched, long flowsWritten, long flowsOpen,
                               long flowsEvicted, long lateVerdicts, long verdictsForced, long hostnamesForgotten) {
    /** One line for the job summary; the limits' counts only when something hit them. */
    public String render() {
        StringBuilder sb = new StringBuilder(String.format("correlation: %,d firewall verdict%s matched to their socket event, %,d"
                + " not; %,d flow%s written", verdictsMatched, verdictsMatched == 1 ? "" : "s", verdictsUnmatched,
                flowsWritten, flowsWritten == 1 ? "" : "s"));
        if (flowsEvicted > 0) sb.append(String.format("; %,d flows written early (open-flow limit)", flowsEvicted));
        if (verdictsForced > 0) sb.append(String.format("; %,d verdicts matched early (held-verdict limit)", verdictsForced));
        if (lateVerdicts > 0) sb.append(String.format("; %,d verdicts came after their flow was written", lateVerdicts));
        if (hostnamesForgotten > 0) sb.append(String.format("; %,d DNS answers forgotten (table limit)", hostnamesForgotten));
        return sb.toString();
    }
}

package dev.notify.outbox.internal.jdbc;

/**
 * The names of a JDBC journal's tables, all derived from its base name as the shipped DDL derives them: the queue
 * (partitioned into {@link #SLOTS} slots), the ring that says which slot takes new rows, the finished entries and the
 * servers' shared state.
 */
record Tables(String base) {

    static final int SLOTS = 3;

    String queue() {
        return base + "_queue";
    }

    String slot(int slot) {
        return base + "_queue_" + slot;
    }

    String ring() {
        return base + "_ring";
    }

    String done() {
        return base + "_done";
    }

    String servers() {
        return base + "_server";
    }

    /** The subquery of the slot new rows go to. */
    String currentSlot() {
        return "(SELECT slot FROM " + ring() + ")";
    }
}

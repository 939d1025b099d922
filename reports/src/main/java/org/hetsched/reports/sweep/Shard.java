package org.hetsched.reports.sweep;

import org.hetsched.core.UserInputException;

/**
 * One slice of a sweep: shard {@code index} of {@code count} takes the workload groups whose
 * index is congruent to it modulo {@code count}, so every shard gets a similar mix and the slices
 * are the same on every machine.
 *
 * @param index 0-based, below {@code count}
 * @param count number of shards, ≥ 1
 */
public record Shard(int index, int count) {
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new UserInputException("shard must be i/n with 0 <= i < n, got " + index + "/" + count);
        }
    }

    /** Parses "i/n". */
    public static Shard parse(String text) {
        String[] parts = text.split("/", -1);
        try {
            if (parts.length == 2) return new Shard(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
        } catch (NumberFormatException e) {
            // reported below, with the expected form
        }
        throw new UserInputException("--shard: '" + text + "' is not of the form i/n (e.g. 0/4 … 3/4)");
    }

    public boolean takes(SweepPoint point) {
        return point.group() % count == index;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}

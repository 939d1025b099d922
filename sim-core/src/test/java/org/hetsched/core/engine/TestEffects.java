package org.hetsched.core.engine;

import java.util.List;
import org.hetsched.core.platform.CostTable;
import org.hetsched.core.trace.RunTotal;

/** Effects for engine tests. */
final class TestEffects {
    private TestEffects() {
    }

    /** Listens to every event and changes nothing: counts starts and finishes. */
    static final class Silent implements Effect {
        int starts;
        int finishes;
        int runs;

        @Override
        public String name() {
            return "test-silent";
        }

        @Override
        public String description() {
            return "hears every event, changes nothing";
        }

        @Override
        public Listener begin(CostTable costs) {
            runs++;
            return new Listener() {
                @Override
                public long onStart(int task, int processor, long durationNs, EffectView run) {
                    starts++;
                    return durationNs;
                }

                @Override
                public void onFinish(int task, int processor, EffectView run) {
                    finishes++;
                }
            };
        }
    }

    /** Reports one total. */
    static Effect reporting(String quantity, double value) {
        return new Effect() {
            @Override
            public String name() {
                return "test-total";
            }

            @Override
            public String description() {
                return "reports " + quantity;
            }

            @Override
            public Listener begin(CostTable costs) {
                return new Listener() {
                    @Override
                    public List<RunTotal> totals(EffectView run) {
                        return List.of(new RunTotal(quantity, value));
                    }
                };
            }
        };
    }
}

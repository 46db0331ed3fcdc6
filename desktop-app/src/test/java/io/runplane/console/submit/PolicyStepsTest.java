package io.runplane.console.submit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import org.junit.jupiter.api.Test;

/** The arrows of a whole-number field under a policy's bounds and step. */
class PolicyStepsTest {

    private final StringProperty text = new SimpleStringProperty("2");
    private final PolicySteps steps = new PolicySteps(text, 0, 64);

    private static FieldPolicy range(Long min, Long max, Long step) {
        return new FieldPolicy(Optional.empty(), Optional.empty(), Optional.empty(), false,
                min == null ? OptionalLong.empty() : OptionalLong.of(min),
                max == null ? OptionalLong.empty() : OptionalLong.of(max),
                step == null ? OptionalLong.empty() : OptionalLong.of(step), Optional.empty(), List.of(), Optional.empty());
    }

    @Test
    void stepsStayWithinThePolicysBounds() {
        steps.follow(range(1L, 4L, null));
        steps.increment(1);
        assertThat(text.get()).isEqualTo("3");
        steps.increment(5);
        assertThat(text.get()).isEqualTo("4");
        steps.decrement(10);
        assertThat(text.get()).isEqualTo("1");
    }

    @Test
    void stepsLandOnMultiplesOfTheStep() {
        steps.follow(range(null, 16L, 4L));
        text.set("5");
        steps.increment(1);
        assertThat(text.get()).isEqualTo("8");
        text.set("7");
        steps.decrement(1);
        assertThat(text.get()).isEqualTo("4");
    }

    @Test
    void withoutAPolicyTheFormsOwnBoundsApplyAndUnreadableTextStartsAtTheBottom() {
        steps.follow(FieldPolicy.FREE);
        text.set("lots");
        steps.increment(1);
        assertThat(text.get()).isEqualTo("0");
        text.set("64");
        steps.increment(1);
        assertThat(text.get()).isEqualTo("64");
    }

    @Test
    void typingOutOfBoundsIsLeftAloneForTheMessageToExplain() {
        steps.follow(range(1L, 4L, null));
        text.set("8");
        assertThat(text.get()).isEqualTo("8");
        assertThat(steps.getValue()).isEqualTo("2");
    }
}

package io.runplane.console.organization;

import io.runplane.console.access.ScreenAccess;
import static org.assertj.core.api.Assertions.assertThat;

import io.runplane.api.v1.SchedulingSettings;
import io.runplane.console.FakeRunplaneClient;
import io.runplane.console.app.Background;
import io.runplane.console.app.Notifications;
import io.runplane.console.app.UiThread;
import io.runplane.console.client.ServiceException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchedulingSettingsFormTest {

    private final FakeRunplaneClient client = new FakeRunplaneClient();
    private final UiThread ui = UiThread.callingThread();
    private Background background;
    private SchedulingSettingsForm form;

    @BeforeEach
    void load() {
        client.schedulingSettings = SchedulingSettings.newBuilder().setWindowSeconds(43_200).setUsageWeight(2).build();
        background = Background.inline(ui);
        OrganizationViewModel organization = new OrganizationViewModel(client, background, new Notifications(ui), ScreenAccess.unreported());
        organization.refresh();
        form = organization.scheduling();
    }

    @AfterEach
    void close() {
        background.close();
    }

    @Test
    void showsTheServersSettingsAndSavesThemInSeconds() {
        assertThat(form.timeBasedFairnessProperty().get()).isFalse();
        assertThat(form.windowHoursProperty().get()).isEqualTo("12");
        assertThat(form.usageWeightProperty().get()).isEqualTo("2");

        form.timeBasedFairnessProperty().set(true);
        form.windowHoursProperty().set("0.5");
        form.usageWeightProperty().set("1.5");
        form.save();

        assertThat(client.calls).contains("updateSchedulingSettings");
        assertThat(client.schedulingSettings).isEqualTo(SchedulingSettings.newBuilder().setTimeBasedFairness(true)
                .setWindowSeconds(1800).setUsageWeight(1.5).build());
        assertThat(form.windowHoursProperty().get()).isEqualTo("0.5");
    }

    @Test
    void aNumberThatIsNotOneIsRefusedBeforeTheServerIsAsked() {
        form.usageWeightProperty().set("heavy");

        form.save();

        assertThat(form.errorProperty(SchedulingSettingsForm.USAGE_WEIGHT).get()).isEqualTo("Enter a number");
        assertThat(form.errorProperty(SchedulingSettingsForm.WINDOW).get()).isEmpty();
        assertThat(client.calls).doesNotContain("updateSchedulingSettings");
    }

    @Test
    void theServersFieldViolationsLandOnTheirFields() {
        client.failNext = new ServiceException("INVALID_ARGUMENT", "the settings scheduling is not valid", List.of(
                new ServiceException.FieldViolation("settings.window_seconds", "must be 60 to 2592000 seconds"),
                new ServiceException.FieldViolation("settings.usage_weight", "must be 0 to 10")), null);

        form.save();

        assertThat(form.errorProperty(SchedulingSettingsForm.WINDOW).get()).isEqualTo("must be 60 to 2592000 seconds");
        assertThat(form.errorProperty(SchedulingSettingsForm.USAGE_WEIGHT).get()).isEqualTo("must be 0 to 10");
        assertThat(form.formErrorProperty().get()).isEmpty();
        assertThat(form.savingProperty().get()).isFalse();
    }
}

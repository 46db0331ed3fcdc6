package io.runplane.console.access;

import io.runplane.console.client.ServiceException;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.value.ObservableValue;

/**
 * What a screen offers the caller, decided before any call from the permissions the agent reported
 * (WhoAmI). A permission refusal from the server is kept for the screen to show and has the
 * permissions asked again; an agent that reports no permissions is trusted until it refuses, and
 * then its refusal switches the screen's changes off.
 */
public final class ScreenAccess {

    private final ObservableValue<Permissions> permissions;
    private final Consumer<Throwable> afterRefusal;
    private final ReadOnlyStringWrapper refusal = new ReadOnlyStringWrapper("");

    public ScreenAccess(ObservableValue<Permissions> permissions, Consumer<Throwable> afterRefusal) {
        this.permissions = permissions;
        this.afterRefusal = afterRefusal;
        permissions.addListener((obs, old, now) -> {
            if (now != Permissions.UNREPORTED) {
                refusal.set("");
            }
        });
    }

    /** The screens of a session: its caller's permissions, asked again after a refusal. */
    public static ScreenAccess of(AccessViewModel access) {
        return new ScreenAccess(access.permissionsProperty(), access::failed);
    }

    /** For an agent that reports no permissions: everything is offered until the server refuses. */
    public static ScreenAccess unreported() {
        return new ScreenAccess(new SimpleObjectProperty<>(Permissions.UNREPORTED), error -> { });
    }

    public Permissions permissions() {
        return permissions.getValue();
    }

    /** The server's last permission refusal, until the permissions are known again; empty if none. */
    public ReadOnlyStringProperty refusalProperty() {
        return refusal.getReadOnlyProperty();
    }

    /** For a failed call: returns whether it was a permission refusal, whose message is then kept. */
    public boolean failed(Throwable error) {
        if (error instanceof ServiceException e && "PERMISSION_DENIED".equals(e.code())) {
            refusal.set(e.getMessage());
            afterRefusal.accept(error);
            return true;
        }
        return false;
    }

    /**
     * An action's availability as {@code check} decides it from the permissions, kept current as they
     * (or {@code dependencies}) change. Permissions the agent does not report allow all until a refusal.
     */
    public ObjectBinding<Availability> availability(Function<Permissions, Availability> check, Observable... dependencies) {
        Observable[] all = new Observable[dependencies.length + 2];
        all[0] = permissions;
        all[1] = refusal;
        System.arraycopy(dependencies, 0, all, 2, dependencies.length);
        return Bindings.createObjectBinding(() -> {
            Permissions now = permissions.getValue();
            if (now == Permissions.UNREPORTED && !refusal.get().isEmpty()) {
                return Availability.refused(refusal.get());
            }
            return check.apply(now);
        }, all);
    }
}

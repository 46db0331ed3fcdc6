package io.runplane.console.app;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** The notices the console shows to the user (errors with the server's message, confirmations). */
public final class Notifications {

    public enum Level { INFO, SUCCESS, ERROR }

    public record Notice(Level level, String title, String message) {
    }

    private static final int MAX = 5;

    private final ObservableList<Notice> notices = FXCollections.observableArrayList();
    private final ObservableList<Notice> readOnly = FXCollections.unmodifiableObservableList(notices);
    private final UiThread ui;

    public Notifications(UiThread ui) {
        this.ui = ui;
    }

    public ObservableList<Notice> notices() {
        return readOnly;
    }

    public void error(String title, Throwable error) {
        publish(new Notice(Level.ERROR, title, describe(error)));
    }

    public void error(String title, String message) {
        publish(new Notice(Level.ERROR, title, message));
    }

    public void info(String title, String message) {
        publish(new Notice(Level.INFO, title, message));
    }

    public void success(String title, String message) {
        publish(new Notice(Level.SUCCESS, title, message));
    }

    public void dismiss(Notice notice) {
        ui.run(() -> notices.remove(notice));
    }

    private void publish(Notice notice) {
        ui.run(() -> {
            notices.add(notice);
            while (notices.size() > MAX) {
                notices.removeFirst();
            }
        });
    }

    public static String describe(Throwable error) {
        Throwable cause = error;
        while (cause.getCause() != null && (cause.getMessage() == null || cause.getMessage().isBlank())) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return message == null || message.isBlank() ? cause.getClass().getSimpleName() : message;
    }
}

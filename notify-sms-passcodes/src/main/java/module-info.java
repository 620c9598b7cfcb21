/** One-time SMS passcodes over any SMS provider. */
module dev.notify.sms.passcodes {
    requires transitive dev.notify.api;

    exports dev.notify.sms.passcodes;
}

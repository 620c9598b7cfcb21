/** notify's JSON reader and writer. Requires nothing beyond java.base. */
module dev.notify.json {
    exports dev.notify.json;
}

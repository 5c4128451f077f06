package dev.bulwark.controller.assets;

/** What a query session holds: the result set made when it was opened. */
sealed interface QueryResult permits VulSelection, ImageSelection {

    /** Roughly how much it holds, in records: what the sessions' memory bound counts. */
    int weight();
}

/**
 * The backup-server layout: the one place that turns environments and dates into folder and file
 * names ({@code <environment>/<YYYY-MM-DD>/…}, {@code .partial} while unfinished) and back.
 */
package org.lifeboat.layout;

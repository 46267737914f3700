/** The owner's own pages (plain React, issue 19); every other path of an owner goes to the staff shell (e.g. 我的房屋's binding form). */
export const isOwnerPath = (pathname: string) => pathname === '/' || /^\/(home|vote|messages|settings)(\/|$)/.test(pathname);

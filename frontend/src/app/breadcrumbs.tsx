import { Breadcrumb } from 'antd';
import { Link, useLocation } from 'react-router';
import { listLink } from '@/lib/url-filters';
import { navGroups, navItems } from './nav';

const OTHER_PAGES: Record<string, string> = { '/account': '我的账户' };
// Pages that sit under another list than their path says (a period's 全市汇总 under 月报季报).
const UNDER: Record<string, string> = { '/report-periods/': '/reports/' };

/** Where the page sits: 工作台 / group / list / record. The list's link restores its last search. */
export function Breadcrumbs({ record }: { record: string | null }) {
  const { pathname: path } = useLocation();
  if (path === '/') return null;
  const prefix = Object.keys(UNDER).find((p) => path.startsWith(p));
  const pathname = prefix ? UNDER[prefix] + path.slice(prefix.length) : path;
  const item = navItems
    .filter((i) => i.path !== '/' && (pathname === i.path || pathname.startsWith(`${i.path}/`)))
    .sort((a, b) => b.path.length - a.path.length)[0];
  const group = navGroups.find((g) => g.key === item?.group);
  const onList = item?.path === pathname;
  const items = [
    { title: <Link to="/">工作台</Link> },
    ...(group ? [{ title: group.label }] : []),
    ...(item ? [{ title: onList ? item.label : <Link to={listLink(item.path)}>{item.label}</Link> }] : []),
    ...(!item && OTHER_PAGES[pathname] ? [{ title: OTHER_PAGES[pathname] }] : []),
    ...(!onList && item ? [{ title: record ?? '详情' }] : []),
  ];
  return <Breadcrumb items={items} style={{ marginBottom: 12 }} data-testid="breadcrumbs" />;
}

import { Space, Tag, Tooltip } from 'antd';
import type { Project } from '../api/projects';

/** 重大 / 年度重大项目清单 / 重点 / 长期无进展 / 疑似重复 / 保密 marks. */
export function ProjectMarks({ project }: { project: Project }) {
  return (
    <Space size={4} wrap>
      {project.is_major ? (
        <Tooltip title="计划总投资不低于 1 亿元">
          <Tag color="red">重大</Tag>
        </Tooltip>
      ) : null}
      {project.major_list_year ? (
        <Tooltip title={`经三级联审列入 ${project.major_list_year} 年度重大项目清单`}>
          <Tag color="gold" data-testid="major-list-mark">
            {project.major_list_year} 年度重大项目
          </Tag>
        </Tooltip>
      ) : null}
      {project.is_key ? (
        <Tooltip title="重点项目（保姆式服务）">
          <Tag color="volcano">重点</Tag>
        </Tooltip>
      ) : null}
      {project.is_stale ? <Tag color="warning">长期无进展</Tag> : null}
      {project.possible_duplicate ? <Tag color="magenta">疑似重复</Tag> : null}
      {project.is_confidential ? <Tag>保密</Tag> : null}
    </Space>
  );
}
